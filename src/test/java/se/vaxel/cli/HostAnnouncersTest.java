package se.vaxel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaxel.calendar.WorkingDays;
import se.vaxel.model.Staff;
import se.vaxel.pbx.Announcers;
import se.vaxel.render.Templates;
import se.vaxel.speech.AbsenceAnnouncements;
import se.vaxel.staff.StaffLoader;

/** serve and calendar sync: no sounds directory here is said once, not at every absence. */
class HostAnnouncersTest {
  @TempDir Path dir;

  @Test
  void aSoundsDirectoryNotOnThisHostIsSaidOnceNamingItAndWhatToDo() throws Exception {
    Path missing = dir.resolve("var/lib/asterisk/sounds/vaxel");
    Staff staff = new StaffLoader().parse("t.yaml", """
        organisation:
          id: org-a
          name: Testby kommun
          place: Testby
          switchboard: "100"
          phone: "0900-100 00"
          functional-mailbox: kommunen@testby.se
          language: sv
          timezone: Europe/Stockholm
        speech:
          sounds-dir: %s
        staff: []
        """.formatted(missing));
    StringWriter err = new StringWriter();
    HostAnnouncers host = new HostAnnouncers(new Announcers(new AbsenceAnnouncements(
        new Templates(Optional.empty()), new WorkingDays())), "vaxel serve",
        new PrintWriter(err, true)).start(List.of(staff));
    assertSame(Announcers.NONE, host.apply(staff));
    assertSame(Announcers.NONE, host.apply(staff));
    String said = err.toString();
    assertEquals(1, said.lines().count(), said);
    assertTrue(said.startsWith("vaxel serve: warning: organisation org-a: the sounds directory "
        + missing + " (speech.sounds-dir) is not on this host"), said);
    assertTrue(said.contains("Run on the PBX host"), said);
  }
}
