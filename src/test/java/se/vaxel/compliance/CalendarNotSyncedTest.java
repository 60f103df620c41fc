package se.vaxel.compliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import se.vaxel.calendar.sync.CalendarEvents;
import se.vaxel.live.LiveOverride;
import se.vaxel.model.Reason;

/** CALENDAR-NOT-SYNCED: a calendar absence now that the PBX does not know. */
class CalendarNotSyncedTest {
  private final Rule rule = new CalendarNotSynced();

  static final CalendarEvents.Absence MEETING = new CalendarEvents.Absence("cal-abc",
      Fixture.NOW.minusSeconds(600), Fixture.NOW.plusSeconds(3600), Reason.MOTE, "MÖT", false,
      true, null);

  static List<Finding> check(Fixture f, Map<String, CalendarEvents.Absence> calendar) {
    return new CalendarNotSynced().check(new CheckInput(f.staff, f.snapshot(), f.now,
        Fixture.WORKING_DAYS, f.generated, Optional.of(calendar)));
  }

  @Test
  void withoutCalendarsTheRuleIsSilent() {
    assertEquals(List.of(), Fixture.compliant().check(rule));
  }

  @Test
  void aCalendarAbsenceThePbxDoesNotKnowIsAWarningWithCodeAndTimesOnly() {
    List<Finding> f = check(Fixture.compliant(), Map.of("anna.berg", MEETING));
    assertEquals(1, f.size(), f::toString);
    assertEquals(Severity.WARNING, f.get(0).severity());
    assertEquals("anna.berg", f.get(0).staffId());
    assertEquals("the calendar has MÖT (mote) 2026-07-29 09:50 to 2026-07-29 11:00, but the "
        + "PBX has no live absence; is vaxel calendar sync running?", f.get(0).message());
  }

  @Test
  void theSyncedOverrideOrAManualOneSatisfiesIt() {
    Fixture synced = Fixture.compliant();
    String ext = synced.staff.byId("anna.berg").orElseThrow().extension();
    synced.overrides.put(ext, LiveOverride.away(ext, MEETING.start(), MEETING.end(), "-",
        Reason.MOTE, null, "anna.berg").by(LiveOverride.Origin.CALENDAR, "cal-abc"));
    assertEquals(List.of(), check(synced, Map.of("anna.berg", MEETING)));

    Fixture manual = Fixture.compliant();
    manual.liveAway(ext, Fixture.NOW.plusSeconds(60), "-", null);
    assertEquals(List.of(), check(manual, Map.of("anna.berg", MEETING)));

    Fixture stale = Fixture.compliant();
    stale.overrides.put(ext, LiveOverride.away(ext, MEETING.start(), MEETING.end(), "-",
        Reason.MOTE, null, "anna.berg").by(LiveOverride.Origin.CALENDAR, "cal-other"));
    assertTrue(check(stale, Map.of("anna.berg", MEETING)).get(0).message()
        .contains("has another calendar absence"));
  }
}
