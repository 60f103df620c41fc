package se.vaxel.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import se.vaxel.ami.AmiClient;
import se.vaxel.model.Absence;
import se.vaxel.model.Coverage;
import se.vaxel.model.Person;
import se.vaxel.model.Platform;
import se.vaxel.model.Reason;
import se.vaxel.model.Staff;
import se.vaxel.pbx.AbsenceService;
import se.vaxel.pbx.Announcers;
import se.vaxel.pbx.ConfDir;
import se.vaxel.staff.PersonFinder;
import se.vaxel.live.EffectiveAbsence;
import se.vaxel.live.LiveOverride;

@Command(name = "absence", mixinStandardHelpOptions = true,
    exitCodeListHeading = ExitCode.HEADING,
    exitCodeList = {ExitCode.Key.OK, ExitCode.Key.BAD_INPUT, ExitCode.Key.INTERNAL},
    header = "The switchboard's live absences: set, clear, list.",
    description = {
        "The switchboard's live absences: stored in AstDB, in the family of the "
            + "person's own organisation (named after asterisk.dialplan-context without "
            + "-staff:",
        "vaxel-staff gives vaxel-absence; key = extension), and honoured by the "
            + "generated dialplan on the very next call, without a reload. With a platform "
            + "file a person is found in any organisation; <organisation>/<id> always names "
            + "one."},
    subcommands = {
        AbsenceCommand.Set.class, AbsenceCommand.Clear.class, AbsenceCommand.ListAbsences.class})
final class AbsenceCommand implements Runnable {
  @ParentCommand VaxelCommand root;
  @Mixin Verbosity verbosity;
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** A date (the whole day) or a local date-time, in the organisation's time zone. */
  record Moment(LocalDateTime time, boolean wholeDay) {
    LocalDateTime start() {
      return time;
    }

    /** The exclusive end: a date means up to and including that day. */
    LocalDateTime end() {
      return wholeDay ? time.plusDays(1) : time;
    }
  }

  static final class MomentConverter implements ITypeConverter<Moment> {
    @Override
    public Moment convert(String value) {
      try {
        if (value.contains("T")) {
          return new Moment(LocalDateTime.parse(value, DateTimeFormatter.ISO_LOCAL_DATE_TIME),
              false);
        }
        return new Moment(LocalDate.parse(value).atStartOfDay(), true);
      } catch (DateTimeParseException e) {
        throw new picocli.CommandLine.TypeConversionException(
            "'" + value + "' is not a date (YYYY-MM-DD) or a date and time (YYYY-MM-DDTHH:MM)");
      }
    }
  }

  static final class ReasonConverter implements ITypeConverter<Reason> {
    @Override
    public Reason convert(String value) {
      try {
        return Reason.fromKey(value);
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException("unknown reason '" + value
            + "'; valid: " + String.join(", ", java.util.Arrays.stream(Reason.values())
                .map(Reason::key).toList()));
      }
    }
  }

  /**
   * The organisations' announcers over {@code --templates}: what absence set, serve and the
   * calendar sync share, so their sentences are apply's.
   */
  static Announcers announcers(StaffOptions options) {
    return new Announcers(se.vaxel.generate.Rendering.of(options.templates,
        VaxelCommand.version()).asterisk().announcements());
  }

  /** Runs one absence action with staff.yaml loaded and the PBX connected. */
  abstract static class Action implements Callable<Integer> {
    @ParentCommand AbsenceCommand parent;
    @Mixin StaffOptions staffOptions;
    @Mixin AmiOptions amiOptions;
    @Mixin Verbosity verbosity;

    CliContext context() {
      return parent.root.context;
    }

    @Option(names = "--asterisk-conf-dir", paramLabel = "DIR", defaultValue = "/etc/asterisk",
        description = "Where apply keeps its lock (default: ${DEFAULT-VALUE}): on the PBX host, "
            + "set and clear wait for a running apply; elsewhere there is no lock to take.")
    Path confDir;

    @Override
    public Integer call() throws Exception {
      Platform platform = staffOptions.platform();
      Instant now = context().clock().instant();
      prepare(platform, now);
      try (ConfDir.Lock lock = lockWhenLocal();
          AmiClient ami = PbxCommands.connect(context(), amiOptions)) {
        return run(platform, ami, now);
      } catch (AbsenceService.RejectedException e) {
        throw new VaxelException(ExitCode.BAD_INPUT, e.getMessage());
      } catch (ConfDir.BusyException e) {
        throw new VaxelException(ExitCode.PBX_UNREACHABLE, "nothing was changed: "
            + e.getMessage());
      }
    }

    /** Whether the command changes the PBX, and so must not run beside an apply. */
    abstract boolean changesPbx();

    private ConfDir.Lock lockWhenLocal() {
      if (!changesPbx() || !Files.isDirectory(confDir.resolve(ConfDir.SUBDIR))) {
        return () -> { };
      }
      try {
        return new ConfDir(confDir).lock("vaxel absence", ConfDir.LOCK_WAIT);
      } catch (java.nio.file.AccessDeniedException e) {
        // An operator who may not write the PBX's configuration is served as from another
        // host: the lock is apply's, and apply re-reads a live absence before it deletes one
        // (docs/apply.md, "The lock").
        return () -> { };
      } catch (java.io.IOException e) {
        throw new VaxelException(ExitCode.PBX_UNREACHABLE, "nothing was changed: cannot take "
            + "apply's lock in " + confDir.resolve(ConfDir.SUBDIR) + " (" + e.getMessage()
            + "); run as a user who may write it");
      }
    }

    /** Checks the input against the staff files before the PBX is contacted. */
    void prepare(Platform platform, Instant now) {}

    abstract int run(Platform platform, AmiClient ami, Instant now);

    /**
     * The person {@code query} names on the whole platform ({@code <organisation>/<id>} always,
     * else an id or name that matches in exactly one organisation): staff.PersonFinder decides,
     * as it does for every command that takes a person. Bad input says whom it might mean.
     */
    Platform.Member find(Platform platform, String query) {
      PersonFinder.Found f = PersonFinder.find(platform, query);
      if (!f.found()) {
        throw new VaxelException(ExitCode.BAD_INPUT, f.problem(query, staffOptions.file.toString())
            + (f.ambiguous() && f.qualified() ? "\nname one as <organisation>/<id>" : ""));
      }
      return f.member();
    }
  }

  @Command(name = "set", mixinStandardHelpOptions = true,
      exitCodeListHeading = ExitCode.HEADING,
      exitCodeList = {ExitCode.Key.OK, ExitCode.Key.BAD_INPUT, ExitCode.Key.PBX_UNREACHABLE,
          ExitCode.Key.INTERNAL},
      header = "Marks a person away, with who takes their calls.",
      description = "Marks a person away now (or from --from) until --until; calls go to "
          + "--alternate, else to the switchboard.")
  static final class Set extends Action {
    @Override
    boolean changesPbx() {
      return true;
    }

    @Parameters(index = "0", paramLabel = "ID", description = "The person's staff id, or "
        + "<organisation>/<id>; a name that matches one person will do.")
    String id;

    @Option(names = "--until", required = true, paramLabel = "DATE[THH:MM]",
        converter = MomentConverter.class,
        description = "The last day away (inclusive), or the moment they are back.")
    Moment until;

    @Option(names = "--from", paramLabel = "DATE[THH:MM]", converter = MomentConverter.class,
        description = "When the absence starts (default: now).")
    Optional<Moment> from = Optional.empty();

    @Option(names = "--alternate", paramLabel = "ID",
        description = "Who takes the calls (default: the switchboard).")
    String alternate;

    @Option(names = "--reason", paramLabel = "REASON", defaultValue = "annat",
        converter = ReasonConverter.class,
        description = "semester, tjansteresa, utbildning, sjuk, foraldraledig, mote or annat "
            + "(default: ${DEFAULT-VALUE}).")
    Reason reason;

    private Platform.Member member;
    private String alternateId;
    private LocalDateTime start;

    /** Everything AbsenceService can judge without the PBX: bad input is exit 2, never 3. */
    @Override
    void prepare(Platform platform, Instant now) {
      member = find(platform, id);
      alternateId = alternate == null ? null : alternate(platform).person().id();
      Staff staff = member.staff();
      start = from.map(Moment::start).orElse(
          LocalDateTime.ofInstant(now, staff.organisation().timezone()).withSecond(0).withNano(0));
      List<String> problems = AbsenceService.problems(staff, member.person().id(), start,
          until.end(), alternateId, now);
      if (!problems.isEmpty()) {
        throw new VaxelException(ExitCode.BAD_INPUT, String.join("\n", problems));
      }
    }

    /**
     * The alternate, found like the person (an id, a name, or organisation/id) but only
     * within the person's organisation: the route reads the alternate's live absence in the
     * person's own family, so one in another organisation is refused and says so.
     */
    private Platform.Member alternate(Platform platform) {
      PersonFinder.Found f = PersonFinder.find(platform, alternate);
      String own = member.staff().organisation().id();
      if (f.found() && !f.member().staff().organisation().id().equals(own)) {
        throw new VaxelException(ExitCode.BAD_INPUT, "--alternate " + alternate + " is "
            + f.member().qualifiedId() + " in organisation "
            + f.member().staff().organisation().id() + ", and " + member.qualifiedId()
            + " is in " + own + "; an alternate must be in the same organisation");
      }
      Platform ownOnly = platform.organisation(own).isPresent() ? platform.only(own) : platform;
      PersonFinder.Found inOwn = f.found() ? f : PersonFinder.find(ownOnly, alternate);
      if (!inOwn.found()) {
        throw new VaxelException(ExitCode.BAD_INPUT, "--alternate: "
            + inOwn.problem(alternate, staffOptions.file.toString()));
      }
      return inOwn.member();
    }

    @Override
    int run(Platform platform, AmiClient ami, Instant now) {
      Staff staff = member.staff();
      // The announcement is worded by the same templates as generate's (--templates); the
      // one factory decides, as for the console and the calendar sync, whether it is made here.
      Announcers.Choice speech = announcers(staffOptions).of(staff);
      if (speech.warning().isPresent() && Announcers.onThisHost(staff.speech())) {
        // The operator at the PBX host as the wrong user: stop, as a speech write failure
        // does, rather than set an absence callers hear only the phrase kit's sentence for.
        // The console and the calendar sync go on (they run unattended; docs/speech.md).
        throw new VaxelException(ExitCode.PBX_UNREACHABLE, speech.warning().get()
            .replace(", or leave it so on purpose.", "."));
      }
      speech.warning().ifPresent(w -> context().err().println("vaxel absence set: warning: "
          + w));
      AbsenceService service = new AbsenceService(staff, ami).withAnnouncer(speech.announcer());
      AbsenceService.Outcome o = service.set(member.person().id(), start, until.end(),
          alternateId, reason, now);
      context().out().println(o.description());
      return ExitCode.OK.code();
    }
  }

  @Command(name = "clear", mixinStandardHelpOptions = true,
      exitCodeListHeading = ExitCode.HEADING,
      exitCodeList = {ExitCode.Key.OK, ExitCode.Key.BAD_INPUT, ExitCode.Key.PBX_UNREACHABLE,
          ExitCode.Key.INTERNAL},
      header = "Marks a person back.",
      description = "The person is back: their calls ring their own phone again, even if "
          + "staff.yaml still has them away.")
  static final class Clear extends Action {
    @Override
    boolean changesPbx() {
      return true;
    }

    @Parameters(index = "0", paramLabel = "ID", description = "The person's staff id, or "
        + "<organisation>/<id>; a name that matches one person will do.")
    String id;

    private Platform.Member member;

    @Override
    void prepare(Platform platform, Instant now) {
      member = find(platform, id);
    }

    @Override
    int run(Platform platform, AmiClient ami, Instant now) {
      context().out().println(new AbsenceService(member.staff(), ami)
          .clear(member.person().id(), now).description());
      return ExitCode.OK.code();
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      exitCodeListHeading = ExitCode.HEADING,
      exitCodeList = {ExitCode.Key.OK, ExitCode.Key.BAD_INPUT, ExitCode.Key.PBX_UNREACHABLE,
          ExitCode.Key.INTERNAL},
      header = "Lists live and planned absences.",
      description = "Live and planned absences side by side, and where calls go now.")
  static final class ListAbsences extends Action {
    @Override
    boolean changesPbx() {
      return false;
    }

    @Override
    int run(Platform platform, AmiClient ami, Instant now) {
      boolean several = platform.organisations().size() > 1;
      for (Staff staff : platform.organisations()) {
        if (several) {
          context().out().printf("Organisation %s (%s):%n", staff.organisation().id(),
              staff.organisation().name());
        }
        list(staff, new AbsenceService(staff, ami), now);
      }
      return ExitCode.OK.code();
    }

    private void list(Staff staff, AbsenceService service, Instant now) {
      List<AbsenceService.Row> rows = service.list(now);
      PrintWriter out = context().out();
      if (rows.isEmpty()) {
        out.println("No live or planned absences.");
        return;
      }
      ZoneId zone = staff.organisation().timezone();
      String format = "%-22s %-6s %-32s %-40s %s%n";
      out.printf(format, "ID", "EXT", "CALLS NOW", "LIVE (vaxel absence)", "PLANNED (staff.yaml)");
      for (AbsenceService.Row r : rows) {
        out.printf(format, r.person().id(),
            r.person().extension() == null ? "-" : r.person().extension(),
            r.now().map(a -> callsNow(a)).orElse("ring " + (r.person().hasExtension()
                ? r.person().extension() : "(no extension)")),
            r.live().map(o -> live(o, zone, now)).orElse("-"),
            r.planned().map(a -> planned(a)).orElse("-"));
      }
    }

    private static String callsNow(EffectiveAbsence a) {
      Coverage.Cover c = a.cover();
      String where = switch (c.why()) {
        case CONTACT -> c.contact().id() + " " + c.target();
        case NO_EXTENSION -> "switchboard, refers to " + c.contact().id();
        case CONTACT_AWAY -> "switchboard, " + c.contact().id() + " away too";
        case NONE_NAMED -> "switchboard";
      };
      return "-> " + where + (a.live() ? " (live)" : " (planned)");
    }

    private static String live(LiveOverride o, ZoneId zone, Instant now) {
      String span = o.from().atZone(zone).toLocalDateTime() + ".."
          + o.until().atZone(zone).toLocalDateTime();
      String state = o.away() ? "away" : "back";
      String when = o.isActiveAt(now) ? "" : o.until().isAfter(now) ? " (upcoming)" : " (expired)";
      return state + " " + span + when + (o.byPhone() ? " (set by phone)" : "");
    }

    private static String planned(Absence a) {
      return a.reason().disclosed().key() + " " + a.firstDay() + ".." + a.lastDay()
          + (a.alternate() == null ? "" : " alt " + a.alternate());
    }
  }
}
