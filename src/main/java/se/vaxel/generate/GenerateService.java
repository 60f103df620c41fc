package se.vaxel.generate;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import se.vaxel.progress.Progress;
import se.vaxel.model.Platform;
import se.vaxel.model.Staff;
import se.vaxel.output.OutputWriter;
import se.vaxel.output.WriteResult;
import se.vaxel.staff.StaffException;
import se.vaxel.staff.PlatformLoader;

/** {@code vaxel generate}: staff.yaml in, the output tree written, unchanged files untouched. */
public final class GenerateService {

  /**
   * @param date which absences are current; empty for today in the organisation's time zone
   */
  public record Request(
      Path staffFile, Path outDir, Optional<LocalDate> date, Optional<Path> templates) {}

  public record Result(Generator.Generated generated, WriteResult written, LocalDate date) {}

  private final Clock clock;
  private final String version;

  public GenerateService(Clock clock, String version) {
    this.clock = clock;
    this.version = version;
  }

  public Result run(Request request) throws StaffException, IOException {
    return run(new PlatformLoader().load(request.staffFile()), request.outDir(), request.date(),
        request.templates());
  }

  /**
   * What {@code -f} named, already narrowed to {@code --org}. One day for the whole platform:
   * today where the first organisation is (the organisations of one switchboard share a time
   * zone in practice, and one sheet shows one day).
   */
  public Result run(Platform platform, Path outDir, Optional<LocalDate> day,
      Optional<Path> templates) throws IOException {
    return run(platform, outDir, day, templates, Progress.Factory.NONE);
  }

  /** As above, with a progress of one step per person while the texts are rendered. */
  public Result run(Platform platform, Path outDir, Optional<LocalDate> day,
      Optional<Path> templates, Progress.Factory progress) throws IOException {
    LocalDate date = day.orElseGet(() -> today(platform.organisations().get(0), clock));
    Generator.Generated generated;
    try (Progress bar = progress.start("Generating", platform.members().size())) {
      generated = Rendering.of(templates, version).generator().generate(platform, date, bar);
    }
    WriteResult written = new OutputWriter().write(outDir, generated.files(), progress);
    return new Result(generated, written, date);
  }

  /** Today where the organisation is, not where the server happens to be. */
  public static LocalDate today(Staff staff, Clock clock) {
    return LocalDate.now(clock.withZone(staff.organisation().timezone()));
  }
}
