package se.vaxel.pbx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import se.vaxel.live.LiveOverride;
import se.vaxel.model.Absence;
import se.vaxel.model.AsteriskSettings;
import se.vaxel.model.Language;
import se.vaxel.model.MailOption;
import se.vaxel.model.Organisation;
import se.vaxel.model.Person;
import se.vaxel.model.Reason;
import se.vaxel.model.Staff;

/** The console's away text names whom model.Coverage names, as the texts and sheet do. */
class PresenceValueTest {
  private static final ZoneId ZONE = ZoneId.of("Europe/Stockholm");

  /** Calle away weeks 48 and 49 of 2026, alternate Anna (2102), Bo (mobile only) in week 48. */
  private static final Staff STAFF = new Staff(new Organisation("Bjurholms kommun", "Bjurholm",
      "100", "0934-140 00", "kommunen@bjurholm.se", Language.SV, ZONE),
      AsteriskSettings.defaults(), List.of(
          new Person("calle.carlsson", "Calle", "Carlsson", null, null, null, "2101", null, null,
              null, null, List.of(), List.of(new Absence(
                  LocalDate.of(2026, 11, 23).atStartOfDay(), LocalDate.of(2026, 12, 7)
                  .atStartOfDay(), true, Reason.SJUK, "anna.berg", MailOption.FUNCTIONAL_MAILBOX,
                  new TreeMap<>(Map.of(48, "bo.lind"))))),
          new Person("anna.berg", "Anna", "Berg", null, null, null, "2102", null, null, null,
              null, List.of(), List.of()),
          new Person("bo.lind", "Bo", "Lind", null, null, null, null, null, "070-111 22 33", null,
              null, List.of(), List.of())));

  private static Instant at(String local) {
    return LocalDateTime.parse(local).atZone(ZONE).toInstant();
  }

  private static String message(Map<String, LiveOverride> live, String local) {
    return PresenceValue.of(STAFF, live, STAFF.byId("calle.carlsson").orElseThrow(), at(local))
        .message();
  }

  @Test
  void contactWithAnExtensionIsWhereTheCallsGo() {
    assertEquals("Borta t.o.m. 2026-12-06 - samtal till Anna Berg 2102",
        message(Map.of(), "2026-12-01T10:00"));
  }

  @Test
  void contactWithoutAnExtensionIsNamedBehindTheSwitchboard() {
    assertEquals("Borta t.o.m. 2026-12-06 - samtal till växeln 100 (hänvisar till Bo Lind)",
        message(Map.of(), "2026-11-25T10:00"));
  }

  @Test
  void contactAwayTooLeavesTheSwitchboard() {
    Map<String, LiveOverride> annaAway = Map.of("2102", LiveOverride.away("2102",
        at("2026-12-01T08:00"), at("2026-12-01T17:00"), "-", Reason.MOTE, null, "anna.berg"));

    assertEquals("Borta t.o.m. 2026-12-06 - samtal till växeln 100",
        message(annaAway, "2026-12-01T10:00"));
  }

  @Test
  void sicknessIsNeverTheSubtype() {
    assertEquals("annat", PresenceValue.of(STAFF, Map.of(),
        STAFF.byId("calle.carlsson").orElseThrow(), at("2026-12-01T10:00")).subtype());
  }
}
