package se.vaxel.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import se.vaxel.live.LiveOverride;
import se.vaxel.model.PresenceMessage;
import se.vaxel.model.Reason;
import se.vaxel.model.Staff;
import se.vaxel.staff.StaffLoader;

/** The feature codes in the generated dialplan (docs/phone-codes.md); PhoneCodesIT dials them. */
class PhoneCodesDialplanTest {
  private static final String STAFF = """
      organisation:
        name: Bjurholms kommun
        place: Bjurholm
        switchboard: "100"
        phone: "0934-140 00"
        functional-mailbox: kommunen@bjurholm.se
        language: %s
        timezone: Europe/Stockholm
      asterisk:
        voicemail-context: vaxel
        dialplan-context: vaxel-staff
        device: "PJSIP/${EXTEN}"
        ring-timeout: 20
      staff:
        - id: anna.berg
          first-name: Anna
          last-name: Berg
          extension: "2102"
          email: anna.berg@bjurholm.se
      """;

  private static Staff staff(String language) throws Exception {
    return new StaffLoader().parse("t.yaml", STAFF.formatted(language));
  }

  private static String dialplan(Staff staff) {
    return new AsteriskConfig(new Templates(Optional.empty()), "test")
        .render(staff).extensionsConf();
  }

  private static List<String> context(String conf, String name) {
    String after = conf.substring(conf.indexOf("[" + name + "]\n") + name.length() + 3);
    int next = after.indexOf("\n[");
    return (next < 0 ? after : after.substring(0, next + 1)).lines()
        .filter(l -> !l.startsWith(";") && !l.isBlank()).toList();
  }

  @Test
  void theCodesAreDialledInTheStaffContextBeforeItsParts() throws Exception {
    List<String> staff = context(dialplan(staff("sv")), "vaxel-staff");
    List<String> codes = staff.stream().filter(l -> l.startsWith("exten =>"))
        .map(l -> l.substring("exten => ".length(), l.indexOf(','))).toList();
    assertEquals(List.of("_*23*X*XXXXXX#", "_*23*X*XXXX#", "#23#", "_*24*X.", "_#24*X."), codes);
    assertEquals("include => vaxel-staff-p0001", staff.get(staff.size() - 1));
  }

  @Test
  void thePersonIdIsAnsweredByTheirExtension() throws Exception {
    assertTrue(context(dialplan(staff("sv")), "vaxel-staff-p0001")
        .contains(" same => n(id),Return(anna.berg)"));
  }

  /**
   * The one DB write, with its variables given values, is what LiveOverride encodes for the
   * same absence: the dialplan and vaxel write one format.
   */
  @Test
  void theOneWriteIsTheLiveOverrideFormat() throws Exception {
    String write = context(dialplan(staff("sv")), "vaxel-staff-codes").stream()
        .filter(l -> l.contains("Set(DB(") && l.contains("=away|")).findFirst().orElseThrow();
    String value = write.substring(write.indexOf(")=") + 2, write.lastIndexOf(')'))
        .replace("${now}", "1796000000").replace("${until}", "1796100000")
        .replace("${reason}", "semester").replace("${person}", "anna.berg");
    LiveOverride expected = LiveOverride.away("2102", Instant.ofEpochSecond(1796000000L),
        Instant.ofEpochSecond(1796100000L), null, Reason.SEMESTER, null, "anna.berg")
        .setByPhone();
    assertEquals(expected.encode(), value);
    assertEquals(Optional.of(expected), LiveOverride.decode("2102", value));
    assertTrue(write.startsWith(" same => n,Set(DB(vaxel-absence/${ARG1})="), write);
  }

  @Test
  void everyReasonDigitIsAcceptedAndSicknessIsStoredAsAnnat() throws Exception {
    List<String> codes = context(dialplan(staff("sv")), "vaxel-staff-codes");
    for (Reason r : Reason.values()) {
      String line = " same => n,ExecIf($[\"${ARG2}\" = \"" + r.phoneDigit()
          + "\"]?Set(LOCAL(reason)=" + r.disclosed().key() + "))";
      assertTrue(codes.contains(line), line);
    }
    assertTrue(codes.stream().noneMatch(l -> l.contains("=sjuk")));
  }

  @Test
  void thePresenceMessageIsVaxelsOwnInEitherLanguage() throws Exception {
    for (String language : List.of("sv", "en")) {
      Staff staff = staff(language);
      String presence = context(dialplan(staff), "vaxel-staff-codes").stream()
          .filter(l -> l.contains("PRESENCE_STATE") && l.contains("=away,")).findFirst()
          .orElseThrow();
      String day = "${STRFTIME($[${until} - 1],Europe/Stockholm,%Y-%m-%d)}";
      assertTrue(presence.endsWith("=away,${reason},"
          + PresenceMessage.away(staff.organisation(), day,
              PresenceMessage.switchboard(staff.organisation())) + ")"), presence);
    }
  }

  @Test
  void onlyTheSwitchboardMaySetItForOthers() throws Exception {
    assertTrue(context(dialplan(staff("sv")), "vaxel-staff-codes").contains(
        "exten => switchboard,1,GotoIf($[\"${FILTER(0-9,${CALLERID(num)})}\" != \"100\"]?refused)"));
  }

  @Test
  void aPhoneSetOverrideReadsBackMarked() {
    LiveOverride o = LiveOverride.decode("2102", "away|10|20|-|annat||anna.berg|phone")
        .orElseThrow();
    assertTrue(o.byPhone());
    assertEquals("away|10|20|-|annat||anna.berg|phone", o.encode());
    LiveOverride cli = LiveOverride.decode("2102", "away|10|20|-|annat||anna.berg").orElseThrow();
    assertEquals(false, cli.byPhone());
    assertEquals("away|10|20|-|annat||anna.berg", cli.encode());
  }
}
