package se.vaxel.check;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import se.vaxel.ami.AmiClient;
import se.vaxel.ami.AmiConnector;
import se.vaxel.ami.AmiSettings;
import se.vaxel.calendar.WorkingDays;
import se.vaxel.compliance.CheckInput;
import se.vaxel.compliance.CheckResult;
import se.vaxel.compliance.Compliance;
import se.vaxel.live.GeneratedDialplan;
import se.vaxel.live.Snapshot;
import se.vaxel.live.SnapshotReader;
import se.vaxel.model.Person;
import se.vaxel.model.Staff;
import se.vaxel.output.AtomicFiles;
import se.vaxel.report.Baseline;
import se.vaxel.report.BaselineException;
import se.vaxel.report.Format;
import se.vaxel.report.Presentation;
import se.vaxel.report.Report;

/**
 * {@code vaxel check}: reads the live PBX once, judges it by every rule, compares with a
 * baseline and writes the report files; and, when a check fails, the "could not check" report
 * that replaces yesterday's files.
 */
public final class CheckService {

  /**
   * @param roundTrips AMI actions the whole check sent, login included
   * @param took the whole check, from login to judgement
   * @param probeTook the greeting probe's share of it
   */
  public record Outcome(Report report, long roundTrips, Duration took, Duration probeTook,
      Map<String, Duration> tookByOrganisation) {
    public Outcome(Report report, long roundTrips, Duration took, Duration probeTook) {
      this(report, roundTrips, took, probeTook, Map.of());
    }
  }

  private final Clock clock;
  private final SnapshotReader.ProbeTimeouts probe;

  public CheckService(Clock clock, SnapshotReader.ProbeTimeouts probe) {
    this.clock = clock;
    this.probe = probe;
  }

  /**
   * A previous JSON report; empty when there is none yet (the first night of a nightly job
   * has none: not worth failing the job for).
   *
   * @throws BaselineException when the file exists but is not a report vaxel wrote
   */
  public static Optional<Baseline> baseline(Path file) throws BaselineException {
    return Files.exists(file) ? Optional.of(Baseline.read(file)) : Optional.empty();
  }

  /**
   * Logs in, reads the PBX, judges it and compares with the baseline.
   *
   * @param generated the dialplan the current staff.yaml generates
   */
  public Outcome check(Staff staff, GeneratedDialplan generated, Optional<Baseline> baseline,
      AmiConnector connector, AmiSettings settings) {
    long start = System.nanoTime();
    try (AmiClient ami = connector.open(settings)) {
      SnapshotReader reader = new SnapshotReader(ami, settings.address(), staff.asterisk(),
          clock, probe);
      Report report = judge(staff, reader, generated, baseline);
      return new Outcome(report, reader.roundTrips(), Duration.ofNanos(System.nanoTime() - start),
          reader.probeTook());
    }
  }

  /**
   * One organisation of a platform file: what it generates, and its baseline if any.
   *
   * @param generated the dialplan its current staff file generates
   */
  public record Organisation(Staff staff, GeneratedDialplan generated,
      Optional<Baseline> baseline) {}

  /**
   * A platform file's check: one login, each organisation read and judged on its own (its
   * contexts, families, mailboxes and probe), the PBX-wide lists read once for all of them (see
   * {@link SharedReads}), then a report per organisation and their total. A PBX that fails
   * during any organisation's read fails the whole check, as for one organisation: a platform
   * is never reported compliant on a part that was not read.
   */
  public Outcome check(List<Organisation> organisations, AmiConnector connector,
      AmiSettings settings) {
    long start = System.nanoTime();
    Duration probeTook = Duration.ZERO;
    List<Report> parts = new ArrayList<>();
    try (AmiClient ami = connector.open(settings)) {
      SharedReads shared = new SharedReads(ami);
      Map<String, Duration> took = new java.util.LinkedHashMap<>();
      for (Organisation o : organisations) {
        long partStart = System.nanoTime();
        SnapshotReader reader = new SnapshotReader(shared, settings.address(),
            o.staff().asterisk(), clock, probe);
        parts.add(judge(o.staff(), reader, o.generated(), o.baseline())
            .forOrganisation(o.staff().organisation().id(), o.staff().organisation().name()));
        probeTook = probeTook.plus(reader.probeTook());
        took.put(o.staff().organisation().id(), Duration.ofNanos(System.nanoTime() - partStart));
      }
      return new Outcome(Report.platform(parts), ami.roundTrips(),
          Duration.ofNanos(System.nanoTime() - start), probeTook, took);
    }
  }

  private Optional<se.vaxel.speech.AbsenceAnnouncements> announcements = Optional.empty();

  /**
   * Names the announcement files as the dialplan was generated: over the site's templates, which
   * word the sentences and so name the files (the shipped ones when not given).
   */
  public CheckService withAnnouncements(se.vaxel.speech.AbsenceAnnouncements announcements) {
    this.announcements = Optional.of(announcements);
    return this;
  }

  /** Calendar absences by organisation id, then staff id: what check --calendar read. */
  private Map<String, Map<String, se.vaxel.calendar.sync.CalendarEvents.Absence>> calendars =
      Map.of();

  /**
   * Judges CALENDAR-NOT-SYNCED for the organisations in {@code calendars} (organisation id to
   * each person's calendar absence); the others are checked as without calendars.
   */
  public CheckService withCalendars(
      Map<String, Map<String, se.vaxel.calendar.sync.CalendarEvents.Absence>> calendars) {
    this.calendars = Map.copyOf(calendars);
    return this;
  }

  private Report judge(Staff staff, SnapshotReader reader, GeneratedDialplan generated,
      Optional<Baseline> baseline) {
    Snapshot snapshot = withUnprobedMailboxes(staff, reader.read());
    WorkingDays workingDays = new WorkingDays();
    CheckResult result = new Compliance().run(new CheckInput(staff, snapshot,
        clock.instant(), workingDays, generated,
        Optional.ofNullable(calendars.get(staff.organisation().id())),
        announcements.orElseGet(() -> new se.vaxel.speech.AbsenceAnnouncements(
            new se.vaxel.render.Templates(Optional.empty()), workingDays))));
    Report report = Report.of(result, Report.namesOf(staff));
    return baseline.isPresent() ? report.withBaseline(baseline.get()) : report;
  }

  /** Writes the report into every file in its format, each atomically, colour off. */
  public static void write(Report report, Map<Path, Format> files, Presentation presentation)
      throws IOException {
    for (Map.Entry<Path, Format> file : files.entrySet()) {
      AtomicFiles.write(file.getKey(), file.getValue()
          .render(report.withColour(false), presentation).getBytes(StandardCharsets.UTF_8));
    }
  }

  /**
   * Replaces every report file with the "could not check" report, so that yesterday's
   * "compliant" cannot outlive a failed run; each file is tried even when one fails.
   *
   * @return the files that could not be written, with why
   */
  public static List<String> writeFailure(Report failed, Map<Path, Format> files,
      Presentation presentation) {
    List<String> unwritten = new ArrayList<>();
    for (Map.Entry<Path, Format> file : files.entrySet()) {
      try {
        write(failed, Map.of(file.getKey(), file.getValue()), presentation);
      } catch (FileSystemException e) {
        // The reason only: the exception's message names our temporary file, not the report.
        unwritten.add(file.getKey() + ": "
            + (e.getReason() != null ? e.getReason() : "could not be written"));
      } catch (IOException | RuntimeException e) {
        unwritten.add(file.getKey() + ": " + e.getMessage());
      }
    }
    return unwritten;
  }

  /**
   * The greeting rules stay silent for a mailbox the probe did not report (a stale dialplan's
   * probe knows only yesterday's people); say so, so the run cannot pass as compliant.
   */
  private static Snapshot withUnprobedMailboxes(Staff staff, Snapshot s) {
    if (s.greetings().isEmpty()) {
      return s;
    }
    Map<String, Snapshot.Greeting> greetings = s.greetings().get();
    List<String> missing = staff.people().stream()
        .filter(Person::hasExtension)
        .map(Person::extension)
        .filter(ext -> s.mailboxes().containsKey(ext) && !greetings.containsKey(ext))
        .toList();
    // A probe that lost batches has said so already; the rest is a probe older than staff.yaml.
    if (missing.isEmpty() || s.incomplete().stream().anyMatch(i -> i.startsWith("greetings:"))) {
      return s;
    }
    List<String> incomplete = new ArrayList<>(s.incomplete());
    incomplete.add("greetings: the loaded probe does not know " + missing.size()
        + " mailbox(es) (" + String.join(", ", missing.stream().limit(10).toList())
        + (missing.size() > 10 ? ", ..." : "") + "): the dialplan is older than staff.yaml");
    return new Snapshot(s.takenAt(), s.pbx(), s.mailboxes(), s.fingerprint(), s.dialplan(),
        s.dialplanExtensions(), s.routing(), s.overrides(), s.greetings(), s.announcements(), s.endpoints(),
        incomplete);
  }
}
