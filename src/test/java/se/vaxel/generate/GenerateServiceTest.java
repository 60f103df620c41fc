package se.vaxel.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaxel.model.Staff;
import se.vaxel.staff.StaffException;
import se.vaxel.staff.StaffLoader;

class GenerateServiceTest {
  private static final Path SHIPPED = Path.of(System.getProperty("user.dir"), "staff.yaml");

  @TempDir Path tmp;

  private static Clock at(String instant) {
    return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
  }

  @Test
  void todayIsTheDateWhereTheOrganisationIs() throws Exception {
    Staff staff = new StaffLoader().load(SHIPPED);

    // 23:30 UTC on the 21st is already the 22nd in Stockholm.
    assertEquals(LocalDate.of(2026, 11, 22),
        GenerateService.today(staff, at("2026-11-21T23:30:00Z")));
    assertEquals(LocalDate.of(2026, 11, 21),
        GenerateService.today(staff, at("2026-11-21T22:59:00Z")));
  }

  @Test
  void withoutADateTheClockDecidesWhichAbsencesAreCurrent() throws Exception {
    GenerateService service = new GenerateService(at("2026-12-22T09:00:00Z"), "test");

    GenerateService.Result r = service.run(new GenerateService.Request(
        SHIPPED, tmp.resolve("out"), Optional.empty(), Optional.empty()));

    assertEquals(LocalDate.of(2026, 12, 22), r.date());
    assertEquals(1, r.generated().currentAbsences(), "Eva-Lena Nyström is away");
    assertFalse(Files.exists(tmp.resolve("out/staff/asa.oberg/auto-reply.txt")),
        "Åsa Öberg's absence has ended");
  }

  @Test
  void writesWhatItGenerated() throws Exception {
    GenerateService service = new GenerateService(at("2026-11-21T10:00:00Z"), "test");
    Path out = tmp.resolve("out");

    GenerateService.Result r = service.run(new GenerateService.Request(
        SHIPPED, out, Optional.of(LocalDate.of(2026, 11, 21)), Optional.empty()));

    assertEquals(r.generated().files().size(), r.written().written());
    assertTrue(Files.readString(out.resolve("asterisk/extensions.conf"))
        .contains(r.generated().fingerprint()));
  }

  @Test
  void invalidStaffFileWritesNothing() throws Exception {
    Path staff = Files.writeString(tmp.resolve("staff.yaml"), "organisation: [\n");
    Path out = tmp.resolve("out");
    GenerateService service = new GenerateService(at("2026-11-21T10:00:00Z"), "test");

    assertThrows(StaffException.class, () -> service.run(new GenerateService.Request(
        staff, out, Optional.empty(), Optional.empty())));

    assertFalse(Files.exists(out));
  }
}
