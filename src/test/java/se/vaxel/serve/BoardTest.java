package se.vaxel.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.vaxel.ami.AmiClient;
import se.vaxel.generate.Rendering;
import se.vaxel.live.LiveOverride;
import se.vaxel.model.Coverage;
import se.vaxel.model.Platform;
import se.vaxel.model.Reason;
import se.vaxel.model.Staff;
import se.vaxel.pbx.AbsenceService;
import se.vaxel.speech.SpeechException;
import se.vaxel.staff.StaffLoader;

/** The console's absences get the organisation's announcer; a speech failure loses nothing. */
class BoardTest {
  static final String FAMILY = "vaxel-absence";
  static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
  static final String YAML = """
      organisation:
        name: Testby kommun
        place: Testby
        switchboard: "100"
        phone: "0900-100 00"
        functional-mailbox: kommunen@testby.se
        language: sv
        timezone: Europe/Stockholm
      staff:
        - id: anna.berg
          first-name: Anna
          last-name: Berg
          extension: "2101"
          email: anna@testby.se
        - id: bo.ek
          first-name: Bo
          last-name: Ek
          extension: "2102"
          email: bo@testby.se
      """;

  final Map<String, String> astdb = new ConcurrentHashMap<>();
  final AmiClient ami = mock(AmiClient.class);
  Board board;
  Platform.Member anna;

  @BeforeEach
  void setUp() throws Exception {
    Staff staff = new StaffLoader().parse("staff.yaml", YAML);
    when(ami.dbGetTree(FAMILY)).thenAnswer(i -> Map.copyOf(astdb));
    when(ami.dbGet(eq(FAMILY), anyString())).thenAnswer(
        i -> Optional.ofNullable(astdb.get((String) i.getArgument(1))));
    doAnswer(i -> astdb.put(i.getArgument(1), i.getArgument(2)))
        .when(ami).dbPut(eq(FAMILY), anyString(), anyString());
    when(ami.onUserEvent(anyString(), any())).thenReturn(() -> { });
    board = new Board(Platform.of(staff), Rendering.of(Optional.empty(), "test").texts(),
        Clock.fixed(NOW, ZoneId.of("Europe/Stockholm")));
    board.connected(ami);
    anna = board.member("anna.berg").orElseThrow();
  }

  private void set() {
    board.set(anna, LocalDateTime.of(2026, 12, 2, 11, 0), LocalDateTime.of(2026, 12, 4, 0, 0),
        "bo.ek", Reason.SEMESTER, "op");
  }

  @Test
  void anAbsenceSetInTheConsoleCarriesTheSoundOfItsOrganisationsAnnouncer() {
    List<String> asked = new ArrayList<>();
    board.withAnnouncers(staff -> (person, o, cover) -> {
      asked.add(staff.organisation().id() + " " + person.id() + " " + o.from() + " "
          + cover.why() + " " + cover.target());
      return new AbsenceService.Sounds("announce-" + "a".repeat(32), "");
    });
    set();
    LiveOverride o = LiveOverride.decode("2101", astdb.get("2101")).orElseThrow();
    assertEquals("announce-" + "a".repeat(32), o.sound());
    assertEquals(LiveOverride.Origin.WEB, o.origin());
    // The announcer is asked with Coverage's cover at the absence's start: Bo takes the calls.
    assertEquals(List.of(anna.staff().organisation().id() + " anna.berg "
        + Instant.parse("2026-12-02T10:00:00Z") + " " + Coverage.Why.CONTACT + " 2102"), asked);
  }

  @Test
  void aSpeechFailureWritesTheAbsenceWithoutSound() {
    board.withAnnouncers(staff -> (person, o, cover) -> {
      throw new SpeechException(SpeechException.Kind.ENGINE_FAILED, "espeak-ng exited 1");
    });
    set();
    LiveOverride o = LiveOverride.decode("2101", astdb.get("2101")).orElseThrow();
    assertEquals("", o.sound());
    assertEquals(Instant.parse("2026-12-03T23:00:00Z"), o.until());
    assertNotNull(board.overrideOf(anna), "the console shows the absence");
  }

  @Test
  void withoutAnnouncersNoSound() {
    set();
    assertEquals("", LiveOverride.decode("2101", astdb.get("2101")).orElseThrow().sound());
  }
}
