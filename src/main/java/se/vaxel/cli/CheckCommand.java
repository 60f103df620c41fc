package se.vaxel.cli;

import java.io.IOException;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
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
import se.vaxel.model.Staff;
import se.vaxel.render.AsteriskConfig;
import se.vaxel.report.Baseline;
import se.vaxel.report.BaselineException;
import se.vaxel.report.Format;
import se.vaxel.report.NagiosFormatter;
import se.vaxel.report.Report;
import se.vaxel.staff.StaffException;

@Command(name = "check", mixinStandardHelpOptions = true,
    header = "Checks the live PBX against the rules and staff.yaml, over AMI only.",
    description = {
        "Reads the live PBX once over AMI, in a fixed number of round trips however many",
        "people, and reports every deviation from the rules and staff.yaml, per person.",
        "Exit 0 compliant, 1 findings, 2 bad input, 3 the PBX could not be checked",
        "completely (what was found is still reported); with --format nagios, the Nagios",
        "plugin codes 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.",
        "",
        "A check that fails (bad input, a PBX out of reach, a report it cannot write) still",
        "replaces every report file (-o, --report) with a \"could not check\" report: JSON",
        "compliant false with the reason under incomplete, Prometheus vaxel_check_compliant 0",
        "and vaxel_check_failed 1, Nagios UNKNOWN. It then exits 2 for bad input and 3 for the",
        "PBX, as above; with --format nagios always 3 (UNKNOWN).",
        "",
        "Rules:"},
    footerHeading = "%n",
    footer = {"See README.md for the rules, the JSON schema and a nightly systemd timer."})
final class CheckCommand implements Callable<Integer> {
  @ParentCommand VaxelCommand root;
  @Mixin StaffOptions staffOptions;
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

  @Option(names = "--date", paramLabel = "YYYY-MM-DD",
      description = "Judge as on this day, at the present time of day (default: now).")
  Optional<LocalDate> date = Optional.empty();

  @Option(names = "--baseline", paramLabel = "FILE",
      description = "A previous JSON report: mark each finding new or known, and list what "
          + "was resolved since (a missing file is reported and ignored).")
  Optional<Path> baseline = Optional.empty();

  @Option(names = "--probe-timeout", paramLabel = "SECONDS",
      description = "Give up on the greeting probe when it has made no progress for this long "
          + "(default: 30); a probe that advances is waited for, however many mailboxes.")
  Integer probeTimeout;

  @Option(names = {"-v", "--verbose"},
      description = "Print the time taken, the greeting probe's share and the AMI round trips "
          + "to standard error.")
  boolean verbose;

  @Spec CommandSpec spec;

  /** What the reports of a failed check can say: known once read, else as here. */
  private String pbx = "unknown";
  private int people;

  @Override
  public Integer call() throws Exception {
    Map<Path, Format> files = new LinkedHashMap<>();
    output.ifPresent(file -> files.put(file, format));
    List<String> badReports = reportFiles(files);
    try {
      if (!badReports.isEmpty()) {
        throw new VaxelException(ExitCode.BAD_INPUT, String.join("; ", badReports));
      }
      return check(files);
    } catch (Exception e) {
      return failed(e, files);
    }
  }

  private int check(Map<Path, Format> files) throws StaffException, IOException {
    Staff staff = PbxCommands.load(staffOptions);
    people = staff.people().size();
    Optional<Baseline> previous = readBaseline();
    if (probeTimeout != null && probeTimeout < 1) {
      throw new VaxelException(ExitCode.BAD_INPUT, "--probe-timeout must be at least 1");
    }
    SnapshotReader.ProbeTimeouts probe = probeTimeout == null
        ? SnapshotReader.ProbeTimeouts.DEFAULT
        : new SnapshotReader.ProbeTimeouts(Duration.ofSeconds(probeTimeout),
            SnapshotReader.ProbeTimeouts.DEFAULT.pollInterval());
    AsteriskConfig.Rendered rendered = Rendering.of(staffOptions.templates,
        VaxelCommand.version()).asterisk().render(staff);
    GeneratedDialplan expected =
        GeneratedDialplan.parse(rendered.extensionsConf(), rendered.fingerprint());
    AmiSettings settings = amiOptions.settings(root.context);
    pbx = settings.address();
    CheckService.Outcome outcome = new CheckService(clock(staff.organisation().timezone()), probe)
        .check(staff, expected, previous, root.context.ami(), settings);
    Report report = outcome.report();
    CheckService.write(report, files);
    if (output.isEmpty()) {
      boolean colour = format == Format.TEXT && root.context.terminal()
          && !root.context.env().containsKey("NO_COLOR");
      root.context.out().print(format.render(report.withColour(colour)));
    }
    CheckResult result = report.result();
    if (verbose) {
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
  private int failed(Exception e, Map<Path, Format> files) throws Exception {
    Report report = Report.couldNotCheck(root.context.clock().instant(), pbx, people,
        reason(e));
    List<String> unwritten = CheckService.writeFailure(report, files);
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

  private Optional<Baseline> readBaseline() {
    if (baseline.isEmpty()) {
      return Optional.empty();
    }
    try {
      Optional<Baseline> read = CheckService.baseline(baseline.get());
      if (read.isEmpty()) {
        root.context.err().println("vaxel: no baseline yet at " + baseline.get()
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
