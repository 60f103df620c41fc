package se.vaxel.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import se.vaxel.ami.AmiClient;
import se.vaxel.ami.AmiException;
import se.vaxel.calendar.CalendarSettings;
import se.vaxel.calendar.CalendarSource;
import se.vaxel.calendar.SourceSettings;
import se.vaxel.calendar.source.CalendarSources;
import se.vaxel.calendar.source.SourceSetupException;
import se.vaxel.calendar.sync.CalendarSync;
import se.vaxel.live.LiveOverride;
import se.vaxel.model.Platform;
import se.vaxel.model.Staff;
import se.vaxel.pbx.AbsenceService;

@Command(name = "calendar", mixinStandardHelpOptions = true,
    header = "Absences from the staff's calendars (docs/calendar.md).",
    description = "Absences that staff mark in their calendars (SEM:, TJR:, MÖT: ...) become "
        + "live absences on the PBX.",
    exitCodeListHeading = ExitCode.HEADING,
    exitCodeList = {ExitCode.Key.OK, ExitCode.Key.BAD_INPUT, ExitCode.Key.INTERNAL},
    subcommands = {CalendarCommand.Sync.class})
final class CalendarCommand implements Runnable {
  @ParentCommand VaxelCommand root;
  @Mixin Verbosity verbosity;
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  /** Makes an organisation's source; tests hand in a fake. */
  interface Sources {
    CalendarSource open(SourceSettings settings, Path stateDir) throws SourceSetupException;
  }

  static Sources sources = CalendarSources::open;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * For {@code check --calendar}: each organisation's calendar absences by staff id, read
   * without the PBX and without the sync's kept reads; a calendar that cannot be read is named
   * on {@code err} and left out.
   */
  static java.util.Map<String, java.util.Map<String, se.vaxel.calendar.sync.CalendarEvents.Absence>>
      absences(Platform platform, Instant now, PrintWriter err, String file) {
    var out = new java.util.LinkedHashMap<String,
        java.util.Map<String, se.vaxel.calendar.sync.CalendarEvents.Absence>>();
    for (Staff staff : platform.organisations()) {
      Optional<CalendarSettings> c = staff.calendar();
      if (c.isEmpty() || c.get().source() == null) {
        continue;
      }
      try (CalendarSource source = sources.open(c.get().source(), null)) {
        List<CalendarSync.Failure> failures = new ArrayList<>();
        out.put(staff.organisation().id(), new CalendarSync(staff, c.get(), null)
            .absences(source, now, failures));
        failures.forEach(f -> err.println("vaxel check --calendar: " + f.message()));
      } catch (SourceSetupException e) {
        throw new VaxelException(ExitCode.BAD_INPUT, file + ": calendar.source of "
            + staff.organisation().id() + ": " + e.getMessage());
      }
    }
    if (out.isEmpty()) {
      throw new VaxelException(ExitCode.BAD_INPUT, file + ": --calendar, but no organisation "
          + "has a calendar block with a source (docs/calendar.md)");
    }
    return out;
  }

  @Command(name = "sync", mixinStandardHelpOptions = true,
      header = "Brings the calendars' absences to the PBX.",
      description = {
          "Reads every person's calendar, decides their absence (the event going on now, else "
              + "the next within the horizon) and adds, moves or removes the live absences the "
              + "calendar sync wrote. A manual absence (vaxel absence, a phone code, the "
              + "console) wins until it ends. A person whose calendar cannot be read keeps "
              + "their state; everyone else is synced, and the exit code is 1.",
          "With a speech: block each absence written gets its spoken announcement, made here "
              + "when the sounds directory is writable on this host (else a warning at start); "
              + "one that cannot be made is written without it, and the exit code is 1.",
          "Output names the code, the reason and the times, never an event's subject."},
      exitCodeListHeading = ExitCode.HEADING,
      exitCodeList = {ExitCode.Key.OK, ExitCode.Key.FINDINGS, ExitCode.Key.BAD_INPUT,
          ExitCode.Key.PBX_UNREACHABLE, ExitCode.Key.INTERNAL})
  static final class Sync implements Callable<Integer> {
    @ParentCommand CalendarCommand parent;
    @Mixin StaffOptions staffOptions;
    @Mixin AmiOptions amiOptions;
    @Mixin Verbosity verbosity;

    @Option(names = "--dry-run", description = "Show what would be added, changed and "
        + "removed; write nothing.")
    boolean dryRun;

    @Option(names = "--watch", description = "Sync again every --interval until stopped "
        + "(a service); a round that fails is reported and the next one tries again.")
    boolean watch;

    @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "300",
        description = "Seconds between rounds with --watch (default: ${DEFAULT-VALUE}).")
    int intervalSeconds;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "Where the calendar "
        + "sources keep each person's last read (one directory per organisation below it), "
        + "so an unchanged calendar costs one request; default: none, every read is full.")
    Optional<Path> stateDir = Optional.empty();

    private CliContext context() {
      return parent.root.context;
    }

    @Override
    public Integer call() throws Exception {
      if (intervalSeconds < 10 || intervalSeconds > 86_400) {
        throw new VaxelException(ExitCode.BAD_INPUT, "--interval " + intervalSeconds
            + ": give from 10 to 86400 seconds");
      }
      Platform platform = staffOptions.platform();
      List<Staff> withCalendars = new ArrayList<>();
      List<String> noSource = new ArrayList<>();
      for (Staff staff : platform.organisations()) {
        Optional<CalendarSettings> c = staff.calendar();
        if (c.isPresent() && c.get().source() != null) {
          withCalendars.add(staff);
        } else if (c.isPresent()) {
          noSource.add(staff.organisation().id());
        }
      }
      if (withCalendars.isEmpty()) {
        throw new VaxelException(ExitCode.BAD_INPUT, staffOptions.file + ": "
            + (noSource.isEmpty() ? "no calendar block" : "calendar has no source")
            + "; add calendar: source: (kind, url) to staff.yaml (docs/calendar.md)");
      }
      List<CalendarSource> opened = new ArrayList<>();
      try {
        for (Staff staff : withCalendars) {
          CalendarSettings settings = staff.calendar().get();
          try {
            opened.add(sources.open(settings.source(),
                stateDir.map(d -> d.resolve(staff.organisation().id())).orElse(null)));
          } catch (SourceSetupException e) {
            throw new VaxelException(ExitCode.BAD_INPUT, staffOptions.file + ": calendar.source"
                + " of " + staff.organisation().id() + ": " + e.getMessage());
          }
        }
        // The calendar's absences are announced like absence set's, where the sounds
        // directory is here and writable; otherwise said once, now.
        HostAnnouncers announcers = new HostAnnouncers(AbsenceCommand.announcers(staffOptions),
            "vaxel calendar sync", context().err()).start(withCalendars);
        if (!watch) {
          return round(withCalendars, opened, announcers);
        }
        while (!Thread.currentThread().isInterrupted()) {
          try {
            round(withCalendars, opened, announcers);
          } catch (AmiException e) {
            context().err().println("vaxel calendar sync: " + e.getMessage()
                + "; trying again in " + intervalSeconds + " s");
          } catch (RuntimeException e) {
            // A watcher that dies on one bad round syncs no one until someone notices: report
            // it (a bug, exit 4 in a single run) and keep the rounds going.
            context().err().println("vaxel calendar sync: internal error in this round ("
                + e.getClass().getName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                + "), please report it; trying again in " + intervalSeconds + " s");
          }
          context().out().flush();
          context().err().flush();
          Thread.sleep(Duration.ofSeconds(intervalSeconds).toMillis());
        }
        return ExitCode.OK.code();
      } finally {
        opened.forEach(CalendarSource::close);
      }
    }

    /** One sync of every organisation with calendars; the exit code of the round. */
    private int round(List<Staff> organisations, List<CalendarSource> opened,
        HostAnnouncers announcers) {
      Instant now = context().clock().instant();
      boolean partial = false;
      try (AmiClient ami = PbxCommands.connect(context(), amiOptions)) {
        for (int i = 0; i < organisations.size(); i++) {
          Staff staff = organisations.get(i);
          CalendarSync sync = new CalendarSync(staff, staff.calendar().get(),
              new AbsenceService(staff, ami).withAnnouncer(announcers.apply(staff)));
          CalendarSync.Result result = sync.run(opened.get(i), now, dryRun);
          print(staff, sync, result, organisations.size() > 1);
          partial |= result.partial();
        }
      }
      return partial ? ExitCode.FINDINGS.code() : ExitCode.OK.code();
    }

    private void print(Staff staff, CalendarSync sync, CalendarSync.Result r, boolean several) {
      PrintWriter out = context().out();
      PrintWriter err = context().err();
      String would = dryRun ? "would " : "";
      for (CalendarSync.Change c : r.changes()) {
        String who = c.person().id() + " (" + c.person().extension() + ")";
        if (c.action() == CalendarSync.Action.REMOVE) {
          out.println(would + "remove " + who + ": calendar absence until "
              + c.before().until().atZone(staff.organisation().timezone()).toLocalDateTime()
              + " is gone from the calendar");
          continue;
        }
        var a = c.absence();
        LiveOverride o = c.after();
        out.println(would + c.action().name().toLowerCase(java.util.Locale.ROOT) + " " + who
            + ": " + a.code() + " (" + a.reason().key() + (a.allDay() ? ", all day" : "")
            + (a.isPrivate() ? ", private" : "") + ") " + sync.period(a) + ", calls to "
            + (o.alternateId() == null ? "the switchboard ("
                + staff.organisation().switchboard() + ")"
                : o.alternateId() + " (" + o.target() + ")"));
      }
      r.notes().forEach(n -> err.println("note: " + n));
      r.failures().forEach(f -> err.println("vaxel calendar sync: " + f.message()));
      r.unspoken().forEach(f -> err.println("vaxel calendar sync: " + f.message()));
      long added = count(r, CalendarSync.Action.ADD);
      long changed = count(r, CalendarSync.Action.CHANGE);
      long removed = count(r, CalendarSync.Action.REMOVE);
      out.println((several ? staff.organisation().id() + ": " : "") + (dryRun ? "Dry run: " : "")
          + r.people() + " calendars, " + added + " added, " + changed + " changed, " + removed
          + " removed, " + r.manual().size() + " manual kept, " + r.failures().size()
          + " could not be read" + (dryRun && !r.changes().isEmpty() ? " (nothing written)"
              : ""));
    }

    private static long count(CalendarSync.Result r, CalendarSync.Action action) {
      return r.changes().stream().filter(c -> c.action() == action).count();
    }
  }
}
