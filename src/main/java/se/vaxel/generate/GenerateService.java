package se.vaxel.generate;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import se.vaxel.model.Staff;
import se.vaxel.output.OutputWriter;
import se.vaxel.output.WriteResult;
import se.vaxel.staff.StaffException;
import se.vaxel.staff.StaffLoader;

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
    Staff staff = new StaffLoader().load(request.staffFile());
    LocalDate date = request.date().orElseGet(() -> today(staff, clock));
    Generator.Generated generated = Rendering.of(request.templates(), version).generator()
        .generate(staff, date);
    WriteResult written = new OutputWriter().write(request.outDir(), generated.files());
    return new Result(generated, written, date);
  }

  /** Today where the organisation is, not where the server happens to be. */
  public static LocalDate today(Staff staff, Clock clock) {
    return LocalDate.now(clock.withZone(staff.organisation().timezone()));
  }
}
