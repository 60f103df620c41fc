package se.vaxel.cli;

import java.io.PrintWriter;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import se.vaxel.model.Staff;
import se.vaxel.pbx.AbsenceService;
import se.vaxel.pbx.Announcers;

/**
 * The announcers of a long-running command ({@code serve}, {@code calendar sync --watch}):
 * {@link Announcers#of} for each organisation as it is now (the staff file may be re-read), and
 * its warning (no sounds directory here) said once on stderr, at start or when it first
 * applies, not on every absence.
 */
final class HostAnnouncers implements Function<Staff, AbsenceService.Announcer> {
  private final Announcers announcers;
  private final String command;
  private final PrintWriter err;
  private final Set<String> warned = ConcurrentHashMap.newKeySet();

  HostAnnouncers(Announcers announcers, String command, PrintWriter err) {
    this.announcers = announcers;
    this.command = command;
    this.err = err;
  }

  /** Says, once each, which organisations get no announcements here and why. */
  HostAnnouncers start(java.util.List<Staff> organisations) {
    organisations.forEach(this::apply);
    return this;
  }

  @Override
  public AbsenceService.Announcer apply(Staff staff) {
    Announcers.Choice c = announcers.of(staff);
    // stderr only: the log goes there too, and under systemd both reach the journal.
    c.warning().filter(warned::add).ifPresent(w -> {
      synchronized (err) {
        err.println(command + ": warning: " + w);
        err.flush();
      }
    });
    return c.announcer();
  }
}
