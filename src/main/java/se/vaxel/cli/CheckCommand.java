package se.vaxel.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.TypeConversionException;
import se.vaxel.ami.AmiClient;
import se.vaxel.ami.AmiException;
import se.vaxel.ami.AmiSettings;
import se.vaxel.check.CheckService;
import se.vaxel.compliance.CheckResult;
import se.vaxel.compliance.Compliance;
import se.vaxel.generate.Rendering;
import se.vaxel.live.GeneratedDialplan;
import se.vaxel.live.SnapshotReader;
import se.vaxel.model.Staff;
import se.vaxel.output.AtomicFiles;
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
      description = "How long the greeting probe may run inside Asterisk (default: 2 s per "
          + "1,000 mailboxes, at least 30).")
  Integer probeTimeout;

  @Option(names = {"-v", "--verbose"},
      description = "Print the time taken and the AMI round trips to standard error.")
  boolean verbose;

  @Override
  public Integer call() throws Exception {
    try {
      return check();
    } catch (StaffException | VaxelException | AmiException | IOException e) {
      if (format != Format.NAGIOS) {
        throw e;
      }
      // A Nagios plugin that cannot check says UNKNOWN on standard output, whatever the cause.
      root.context.out().println("VAXEL UNKNOWN - " + oneLine(e));
      return NagiosFormatter.Status.UNKNOWN.exitCode();
    }
  }

  private int check() throws StaffException, IOException {
    Staff staff = PbxCommands.load(staffOptions);
    Optional<Baseline> previous = readBaseline();
    Map<Format, Path> extras = extraReports();
    int probeSeconds = probeTimeout != null ? probeTimeout : defaultProbeSeconds(staff);
    if (probeSeconds < 1) {
      throw new VaxelException(ExitCode.BAD_INPUT, "--probe-timeout must be at least 1");
    }
    AsteriskConfig.Rendered rendered = Rendering.of(staffOptions.templates,
        VaxelCommand.version()).asterisk().render(staff);
    GeneratedDialplan expected =
        GeneratedDialplan.parse(rendered.extensionsConf(), rendered.fingerprint());
    Clock clock = clock(staff.organisation().timezone());
    AmiSettings settings = amiOptions.settings(root.context);
    long start = System.nanoTime();
    CheckService.Outcome outcome;
    try (AmiClient ami = root.context.ami().open(settings)) {
      outcome = new CheckService(clock, new SnapshotReader.ProbeTimeouts(
          Duration.ofSeconds(probeSeconds), SnapshotReader.ProbeTimeouts.DEFAULT.pollInterval()))
          .check(staff, expected, ami, settings.address());
    } catch (AmiException e) {
      // Report files outlive this run (the intranet page, the Prometheus textfile): leave
      // yesterday's "compliant" there and the failure goes unseen, so overwrite them.
      CheckResult failed = new CheckResult(clock.instant(), settings.address(),
          staff.people().size(), Compliance.rules(), List.of(),
          List.of("the PBX: " + e.getMessage()));
      writeFiles(Report.of(failed, Report.namesOf(staff)), extras);
      throw e;
    }
    CheckResult result = outcome.result();
    Report report = Report.of(result, Report.namesOf(staff));
    if (previous.isPresent()) {
      report = report.withBaseline(previous.get());
    }
    writeFiles(report, extras);
    if (output.isEmpty()) {
      boolean colour = format == Format.TEXT && root.context.terminal()
          && !root.context.env().containsKey("NO_COLOR");
      root.context.out().print(format.render(report.withColour(colour)));
    }
    if (verbose) {
      root.context.err().printf("vaxel check: %d people, %d findings, %d AMI round trips, "
          + "%d ms%n", result.people(), result.findings().size(), outcome.roundTrips(),
          (System.nanoTime() - start) / 1_000_000);
    }
    return exitCode(result);
  }

  /** -o and every --report, each written atomically. */
  private void writeFiles(Report report, Map<Format, Path> extras) throws IOException {
    Map<Path, Format> files = new LinkedHashMap<>();
    output.ifPresent(file -> files.put(file, format));
    extras.forEach((f, file) -> files.put(file, f));
    for (Map.Entry<Path, Format> file : files.entrySet()) {
      AtomicFiles.write(file.getKey(),
          file.getValue().render(report.withColour(false)).getBytes(StandardCharsets.UTF_8));
    }
  }

  private static String oneLine(Exception e) {
    if (e instanceof StaffException se) {
      return se.problems().size() + " problem(s) in staff.yaml, first: " + se.problems().get(0);
    }
    return String.valueOf(e.getMessage()).replace('\n', ' ').replace('|', '/');
  }

  /**
   * The probe walks every mailbox inside Asterisk: measured at about 0.5 ms a mailbox (4.9 s
   * for 10,000 on the benchmark machine), so allow four times that, and at least 30 s.
   */
  static int defaultProbeSeconds(Staff staff) {
    long mailboxes = staff.people().stream().filter(p -> p.hasExtension()).count();
    return (int) Math.max(30, mailboxes * 2 / 1000);
  }

  /** --report FORMAT=FILE pairs, checked before the PBX is contacted. */
  private Map<Format, Path> extraReports() {
    Map<Format, Path> out = new LinkedHashMap<>();
    reports.forEach((key, file) -> {
      try {
        out.put(Format.of(key), file);
      } catch (IllegalArgumentException e) {
        throw new VaxelException(ExitCode.BAD_INPUT, "--report " + key + "=" + file + ": "
            + e.getMessage());
      }
    });
    return out;
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
    if (baseline.isPresent() && !Files.exists(baseline.get())) {
      // The first night of a nightly job has no previous report: not worth failing the job.
      root.context.err().println("vaxel: no baseline yet at " + baseline.get()
          + "; reporting without one");
      return Optional.empty();
    }
    try {
      return baseline.isPresent() ? Optional.of(Baseline.read(baseline.get())) : Optional.empty();
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
