package se.vaxel.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;
import se.vaxel.ami.AmiException;
import se.vaxel.ami.AmiSettings;
import se.vaxel.check.CheckService;
import se.vaxel.compliance.CheckResult;
import se.vaxel.compliance.Compliance;
import se.vaxel.generate.Rendering;
import se.vaxel.live.GeneratedDialplan;
import se.vaxel.live.SnapshotReader;
import se.vaxel.model.Organisation;
import se.vaxel.model.Platform;
import se.vaxel.model.Staff;
import se.vaxel.render.AsteriskConfig;
import se.vaxel.render.Templates;
import se.vaxel.report.Baseline;
import se.vaxel.report.BaselineException;
import se.vaxel.report.Format;
import se.vaxel.report.NagiosFormatter;
import se.vaxel.report.Presentation;
import se.vaxel.progress.Progress;
import se.vaxel.report.Report;
import se.vaxel.staff.StaffException;

@Command(name = "check", mixinStandardHelpOptions = true,
    exitCodeListHeading = ExitCode.HEADING,
    exitCodeList = {ExitCode.Key.OK, ExitCode.Key.FINDINGS, ExitCode.Key.BAD_INPUT,
        ExitCode.Key.PBX_UNREACHABLE, ExitCode.Key.INTERNAL},
    header = "Checks the live PBX against the rules and staff.yaml, over AMI only.",
    description = {
        "Reads the live PBX once over AMI, in a fixed number of round trips however "
            + "many people, and reports every deviation from the rules and staff.yaml, per "
            + "person.",
        "Exit 0 compliant, 1 findings, 2 bad input, 3 the PBX could not be checked "
            + "completely (what was found is still reported); with --format nagios, the "
            + "Nagios plugin codes 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.",
        "",
        "A check that fails (bad input, a PBX out of reach, a report it cannot write) "
            + "still replaces every report file (-o, --report) with a \"could not check\" "
            + "report: JSON compliant false with the reason under incomplete, Prometheus "
            + "vaxel_check_compliant 0 and vaxel_check_failed 1, Nagios UNKNOWN. It then "
            + "exits 2 for bad input and 3 for the PBX, as above; with --format nagios "
            + "always 3 (UNKNOWN).",
        "",
        "With a platform file (-f platform.yaml) every format reports each "
            + "organisation under its own heading or label, and the total; --org ID checks "
            + "one organisation and reports it alone. --report-dir writes one report per "
            + "organisation, e.g. for a nightly job that mails each municipality its own. "
            + "See docs/check.md.",
        "",
        "Rules:"},
    footerHeading = "%n",
    footer = {"See README.md for the rules, the JSON schema and a nightly systemd timer."})
final class CheckCommand implements Callable<Integer> {
  @ParentCommand VaxelCommand root;
  @Mixin StaffOptions staffOptions;
  @Mixin Verbosity verbosity;
  @Mixin AmiOptions amiOptions;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
      converter = FormatConverter.class,
      description = "text, json, junit, html, nagios or prometheus (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "Write the report to FILE (atomically) instead of standard output.")
  Optional<Path> output = Optional.empty();

  @Option(names = "--report", paramLabel = "FORMAT=FILE",
      description = "Also write the report in FORMAT to FILE (atomically); repeatable, so one "
          + "check can feed the intranet page, the baseline and monitoring at once.")
  Map<String, Path> reports = new LinkedHashMap<>();

  @Option(names = "--report-dir", paramLabel = "[FORMAT=]DIR",
      description = "Also write one report per organisation, DIR/<organisation id>.<ext> (ext: "
          + "txt, json, xml, html, nagios, prom), each atomically, in FORMAT (default: "
          + "--format); repeatable. DIR must exist.")
  List<String> reportDirs = new ArrayList<>();

  @Option(names = "--calendar", description = "Also read the staff's calendars (staff.yaml's "
      + "calendar block) and report CALENDAR-NOT-SYNCED: an absence in a calendar now that the "
      + "PBX does not know. Off by default: reading calendars takes time.")
  boolean calendar;

  @Option(names = "--date", paramLabel = "YYYY-MM-DD",
      description = "Judge as on this day, at the present time of day (default: now).")
  Optional<LocalDate> date = Optional.empty();

  @Option(names = "--baseline", paramLabel = "FILE|DIR",
      description = "A previous JSON report: mark each finding new or known, and list what "
          + "was resolved since (a missing file is reported and ignored). A directory holds "
          + "one per organisation, DIR/<id>.json, as --report-dir json=DIR writes them; a "
          + "platform of several organisations needs one.")
  Optional<Path> baseline = Optional.empty();

  @Option(names = "--probe-timeout", paramLabel = "SECONDS",
      description = "Give up on the greeting probe when it has made no progress for this long "
          + "(default: 30); a probe that advances is waited for, however many mailboxes.")
  Integer probeTimeout;

  @Spec CommandSpec spec;

  /** What the reports of a failed check can say: known once read, else as here. */
  private String pbx = "unknown";
  private int people;
  /** The organisations checked, once read: whose files in --report-dir a failure replaces. */
  private List<Report.Label> organisations = List.of();
  /** The organisation's language, zone and templates, once read; a failure before uses these. */
  private Presentation presentation = null;

  /** One --report-dir: a directory and the format of the reports written into it. */
  private record ReportDir(Path dir, Format format) {
    Path file(String organisation) {
      return dir.resolve(organisation + "." + format.extension());
    }
  }

  @Override
  public Integer call() throws Exception {
    Map<Path, Format> files = new LinkedHashMap<>();
    output.ifPresent(file -> files.put(file, format));
    List<ReportDir> dirs = new ArrayList<>();
    List<String> badReports = reportFiles(files);
    badReports.addAll(reportDirs(dirs));
    try {
      if (!badReports.isEmpty()) {
        throw new VaxelException(ExitCode.BAD_INPUT, String.join("; ", badReports));
      }
      return check(files, dirs);
    } catch (Exception e) {
      return failed(e, files, dirs);
    }
  }

  private int check(Map<Path, Format> files, List<ReportDir> dirs)
      throws StaffException, IOException {
    Platform platform = staffOptions.platform();
    people = platform.organisations().stream().mapToInt(s -> s.people().size()).sum();
    organisations = platform.organisations().stream()
        .map(s -> new Report.Label(s.organisation().id(), s.organisation().name())).toList();
    Map<String, Optional<Baseline>> previous = readBaselines(platform);
    if (probeTimeout != null && probeTimeout < 1) {
      throw new VaxelException(ExitCode.BAD_INPUT, "--probe-timeout must be at least 1");
    }
    SnapshotReader.ProbeTimeouts probe = probeTimeout == null
        ? SnapshotReader.ProbeTimeouts.DEFAULT
        : new SnapshotReader.ProbeTimeouts(Duration.ofSeconds(probeTimeout),
            SnapshotReader.ProbeTimeouts.DEFAULT.pollInterval());
    Rendering rendering = Rendering.of(staffOptions.templates, VaxelCommand.version());
    presentation = Presentation.of(platform.organisations().get(0),
        new Templates(staffOptions.templates));
    List<CheckService.Organisation> checked = new ArrayList<>();
    for (Staff staff : platform.organisations()) {
      AsteriskConfig.Rendered rendered = rendering.asterisk().render(staff);
      checked.add(new CheckService.Organisation(staff,
          GeneratedDialplan.parse(rendered.extensionsConf(), rendered.fingerprint()),
          previous.get(staff.organisation().id())));
    }
    AmiSettings settings = amiOptions.settings(root.context);
    pbx = settings.address();
    CheckService service = new CheckService(
        clock(platform.organisations().get(0).organisation().timezone()), probe);
    service.withAnnouncements(rendering.asterisk().announcements());
    if (calendar) {
      service.withCalendars(CalendarCommand.absences(platform,
          clock(platform.organisations().get(0).organisation().timezone()).instant(),
          root.context.err(), staffOptions.file.toString()));
    }
    CheckService.Outcome outcome;
    Report report;
    List<Report> perOrganisation;
    if (!platform.fromPlatformFile()) {
      // A lone staff file: the reports it has always had; its own file in --report-dir.
      CheckService.Organisation only = checked.get(0);
      try (Progress waiting = verbosity.progress(root.context).start("Checking", -1)) {
        outcome = service.check(only.staff(), only.generated(), only.baseline(),
            root.context.ami(), settings);
      }
      report = outcome.report();
      Report.Label label = organisations.get(0);
      perOrganisation = List.of(report.forOrganisation(label.id(), label.name()));
    } else {
      try (Progress waiting = verbosity.progress(root.context).start("Checking", -1)) {
        outcome = service.check(checked, root.context.ami(), settings);
      }
      perOrganisation = outcome.report().organisations();
      // --org: that organisation's own report, not a total of one.
      report = staffOptions.org.isPresent() ? perOrganisation.get(0) : outcome.report();
    }
    presentation = presentation.withTook(outcome.took(), outcome.tookByOrganisation());
    CheckService.write(report, files, presentation);
    for (ReportDir dir : dirs) {
      for (Report part : perOrganisation) {
        CheckService.write(part, Map.of(dir.file(part.organisation().orElseThrow().id()),
            dir.format()), presentation);
      }
    }
    if (output.isEmpty()) {
      boolean colour = format == Format.TEXT && root.context.terminal()
          && !root.context.env().containsKey("NO_COLOR");
      root.context.out().print(format.render(report.withColour(colour), presentation));
    }
    CheckResult result = report.result();
    // -v (Verbosity): the time taken, the greeting probe's share and the AMI round trips.
    if (verbosity.verbose()) {
      root.context.err().printf("vaxel check: %d people, %d findings, %d AMI round trips, "
          + "greeting probe %d ms, %d ms%n", result.people(), result.findings().size(),
          outcome.roundTrips(), outcome.probeTook().toMillis(), outcome.took().toMillis());
    }
    return exitCode(result);
  }

  /**
   * Any failure, before the PBX is reached or after: every report file is replaced by a "could
   * not check" report (yesterday's "compliant" must not outlive it), then the failure is
   * reported as every command reports it; Nagios alone gets UNKNOWN, whatever the cause.
   */
  private int failed(Exception e, Map<Path, Format> files, List<ReportDir> dirs)
      throws Exception {
    Report report = Report.couldNotCheck(root.context.clock().instant(), pbx, people,
        reason(e));
    Presentation shown = presentation != null ? presentation : Presentation.standard();
    List<String> unwritten = new ArrayList<>(CheckService.writeFailure(report, files, shown));
    for (ReportDir dir : dirs) {
      for (Report.Label o : organisationsIn(dir)) {
        unwritten.addAll(CheckService.writeFailure(report.forOrganisation(o.id(), o.name()),
            Map.of(dir.file(o.id()), dir.format()), shown));
      }
    }
    if (format == Format.NAGIOS && output.isEmpty()) {
      root.context.out().print(Format.NAGIOS.render(report));
    }
    // The failure itself first: it is what the user must act on; the reports follow.
    int code = new ErrorMapper(root.context).handleExecutionException(e, spec.commandLine(), null);
    for (String file : unwritten) {
      root.context.err().println("vaxel: could not replace report " + file);
    }
    return format == Format.NAGIOS ? NagiosFormatter.Status.UNKNOWN.exitCode() : code;
  }

  /**
   * Usage errors (picocli's: an unknown option, a bad value) of a check in Nagios format: the
   * Monitoring Plugins guidelines want UNKNOWN (3) and a status line on stdout, whatever went
   * wrong, so a mistyped service definition is not paged as CRITICAL. The message on stderr is
   * {@code others}' as for every command; other formats keep its exit code (2, bad input).
   * The options were not parsed, so the format is read from the arguments (the last --format
   * wins, as in picocli), else from the site's defaults.
   */
  static IParameterExceptionHandler usageErrors(IParameterExceptionHandler others) {
    return (ex, args) -> {
      int code = others.handleParseException(ex, args);
      CommandLine cl = ex.getCommandLine();
      if (!(cl.getCommand() instanceof CheckCommand check) || !nagios(cl, args)) {
        return code;
      }
      Report report = Report.couldNotCheck(check.root.context.clock().instant(), check.pbx, 0,
          String.valueOf(ex.getMessage()).replace('\n', ' '));
      cl.getOut().print(Format.NAGIOS.render(report));
      cl.getOut().flush();
      return NagiosFormatter.Status.UNKNOWN.exitCode();
    };
  }

  /** Whether the check that failed to parse was asked for Nagios output. */
  private static boolean nagios(CommandLine cl, String[] args) {
    String given = null;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--")) {
        break;
      }
      if (args[i].equals("--format") && i + 1 < args.length) {
        given = args[++i];
      } else if (args[i].startsWith("--format=")) {
        given = args[i].substring("--format=".length());
      }
    }
    if (given == null) {
      OptionSpec option = cl.getCommandSpec().findOption("--format");
      try {
        given = cl.getCommandSpec().defaultValueProvider() == null ? null
            : cl.getCommandSpec().defaultValueProvider().defaultValue(option);
      } catch (Exception e) {
        return false; // a broken site configuration: reported as such, not as Nagios
      }
    }
    try {
      return given != null && Format.of(given) == Format.NAGIOS;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The failure in one line, for the reports; never the secret (no message carries it). */
  private static String reason(Exception e) {
    if (e instanceof StaffException se) {
      return se.problems().size() + " problem(s) in staff.yaml, first: " + se.problems().get(0);
    }
    if (e instanceof NoSuchFileException nf) {
      return nf.getFile() + ": no such file";
    }
    if (e instanceof VaxelException || e instanceof AmiException || e instanceof IOException) {
      return String.valueOf(e.getMessage()).replace('\n', ' ');
    }
    return "internal error: " + e;
  }

  /**
   * Whose reports in DIR a failed check replaces: the organisations read, or, when the staff
   * files could not be read, every organisation whose report of this format is there already,
   * so that no municipality's "compliant" of yesterday outlives the failure.
   */
  private List<Report.Label> organisationsIn(ReportDir dir) {
    if (!organisations.isEmpty()) {
      return organisations;
    }
    String suffix = "." + dir.format().extension();
    try (Stream<Path> listed = Files.list(dir.dir())) {
      return listed.map(p -> p.getFileName().toString())
          .filter(name -> name.endsWith(suffix))
          .map(name -> name.substring(0, name.length() - suffix.length()))
          .filter(id -> Organisation.ID.matcher(id).matches())
          .filter(id -> Files.isRegularFile(dir.file(id), LinkOption.NOFOLLOW_LINKS))
          .sorted()
          .map(id -> new Report.Label(id, id))
          .toList();
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }

  /** --report-dir [FORMAT=]DIR into dirs; what cannot be used is returned, to fail with. */
  private List<String> reportDirs(List<ReportDir> dirs) {
    List<String> bad = new ArrayList<>();
    for (String value : reportDirs) {
      int eq = value.indexOf('=');
      Format f = format;
      Path dir;
      try {
        if (eq > 0 && !value.substring(0, eq).contains("/")) {
          f = Format.of(value.substring(0, eq));
          dir = Path.of(value.substring(eq + 1));
        } else {
          dir = Path.of(value);
        }
      } catch (IllegalArgumentException e) {
        bad.add("--report-dir " + value + ": " + e.getMessage());
        continue;
      }
      if (!Files.isDirectory(dir)) {
        bad.add("--report-dir " + value + ": " + dir + " is not a directory; make it first");
        continue;
      }
      dirs.add(new ReportDir(dir, f));
    }
    return bad;
  }

  /** --report FORMAT=FILE pairs into files; what cannot be used is returned, to fail with. */
  private List<String> reportFiles(Map<Path, Format> files) {
    List<String> bad = new ArrayList<>();
    reports.forEach((key, file) -> {
      try {
        files.put(file, Format.of(key));
      } catch (IllegalArgumentException e) {
        bad.add("--report " + key + "=" + file + ": " + e.getMessage());
      }
    });
    return bad;
  }

  private int exitCode(CheckResult result) {
    if (format == Format.NAGIOS) {
      return NagiosFormatter.status(result).exitCode();
    }
    if (!result.incomplete().isEmpty()) {
      return ExitCode.PBX_UNREACHABLE.code();
    }
    return result.findings().isEmpty() ? ExitCode.OK.code() : ExitCode.FINDINGS.code();
  }

  /**
   * Each organisation's baseline by id: --baseline FILE for a single organisation, --baseline
   * DIR (DIR/<id>.json each) for any number; a missing file is reported and ignored.
   */
  private Map<String, Optional<Baseline>> readBaselines(Platform platform) {
    Map<String, Optional<Baseline>> out = new LinkedHashMap<>();
    for (String id : platform.ids()) {
      out.put(id, Optional.empty());
    }
    if (baseline.isEmpty()) {
      return out;
    }
    Path path = baseline.get();
    if (Files.isDirectory(path)) {
      for (String id : platform.ids()) {
        out.put(id, readBaseline(path.resolve(id + ".json")));
      }
      return out;
    }
    if (platform.organisations().size() > 1) {
      throw new VaxelException(ExitCode.BAD_INPUT, "--baseline " + path + ": a platform of "
          + platform.organisations().size() + " organisations is compared organisation by "
          + "organisation; give a directory with one JSON report per organisation "
          + "(--baseline DIR reads DIR/<id>.json, which --report-dir json=DIR writes)");
    }
    out.put(platform.ids().get(0), readBaseline(path));
    return out;
  }

  private Optional<Baseline> readBaseline(Path file) {
    try {
      Optional<Baseline> read = CheckService.baseline(file);
      if (read.isEmpty()) {
        root.context.err().println("vaxel: no baseline yet at " + file
            + "; reporting without one");
      }
      return read;
    } catch (BaselineException e) {
      throw new VaxelException(ExitCode.BAD_INPUT, e.getMessage());
    }
  }

  /** --date moves the day, not the time of day: routing windows are judged at a real moment. */
  private Clock clock(ZoneId zone) {
    Clock now = root.context.clock();
    if (date.isEmpty()) {
      return now;
    }
    LocalTime time = LocalTime.ofInstant(now.instant(), zone);
    return Clock.fixed(date.get().atTime(time).atZone(zone).toInstant(), zone);
  }

  static final class FormatConverter implements ITypeConverter<Format> {
    @Override
    public Format convert(String value) {
      try {
        return Format.of(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** The rules and their descriptions, for --help: one element per line. */
  static List<String> rulesHelp() {
    return Compliance.rules().stream()
        .flatMap(r -> Stream.of(
            "  " + r.id() + " (" + r.severity().key() + ")", "      " + r.description()))
        .toList();
  }
}
