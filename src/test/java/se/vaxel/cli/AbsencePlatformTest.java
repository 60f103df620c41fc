package se.vaxel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaxel.model.Platform;
import se.vaxel.model.Staff;
import se.vaxel.staff.StaffLoader;
import se.vaxel.testing.ItStaff;

/**
 * How {@code vaxel absence} finds a person on a platform of two organisations with the same
 * people (staff ids are unique only within one): all before the PBX is contacted.
 */
class AbsencePlatformTest {
  @TempDir Path tmp;
  Platform platform;
  AbsenceCommand.Set set = new AbsenceCommand.Set();

  @BeforeEach
  void twoOrganisations() throws Exception {
    Staff alfa = load("alfa", ItStaff.organisation("alfa", "22"));
    Staff beta = load("beta", ItStaff.organisation("beta", "23")
        .replace("id: eva.mobile", "id: eva.beta")
        .replace("first-name: Eva", "first-name: Evelina"));
    platform = new Platform("Testby och Betaby", true, List.of(alfa, beta));
    set.staffOptions = new StaffOptions();
    set.staffOptions.file = tmp.resolve("platform.yaml");
  }

  private Staff load(String dir, String yaml) throws Exception {
    return new StaffLoader().load(ItStaff.write(Files.createDirectories(tmp.resolve(dir)), yaml));
  }

  @Test
  void aQualifiedIdAlwaysNamesOne() {
    Platform.Member m = set.find(platform, "beta/per.present");
    assertEquals("beta/per.present", m.qualifiedId());
    assertEquals("2301", m.person().extension());
  }

  @Test
  void anIdInBothOrganisationsIsAmbiguousAndSaysBoth() {
    VaxelException e = assertThrows(VaxelException.class, () -> set.find(platform, "per.present"));
    assertTrue(e.getMessage().startsWith("'per.present' is ambiguous; did you mean:\n"
        + "  alfa/per.present  Per Närvarande"), e.getMessage());
    assertTrue(e.getMessage().contains("\n  beta/per.present  Per Närvarande"), e.getMessage());
    assertTrue(e.getMessage().endsWith("name one as <organisation>/<id>"), e.getMessage());
  }

  @Test
  void anIdInOneOrganisationIsFoundThere() {
    assertEquals("beta/eva.beta", set.find(platform, "eva.beta").qualifiedId());
    assertEquals("alfa/eva.mobile", set.find(platform, "Eva Mobil").qualifiedId());
  }

  @Test
  void anUnknownOrganisationListsTheOnesThereAre() {
    VaxelException e = assertThrows(VaxelException.class,
        () -> set.find(platform, "gamma/per.present"));
    assertTrue(e.getMessage().contains("has no organisation gamma; it has alfa, beta"),
        e.getMessage());
  }

  @Test
  void anAlternateInAnotherOrganisationIsRefused() {
    set.id = "alfa/anna.away";
    set.alternate = "beta/per.present";
    VaxelException e = assertThrows(VaxelException.class,
        () -> set.prepare(platform, Cli.CLOCK.instant()));
    assertEquals(ExitCode.BAD_INPUT, e.exitCode());
    assertTrue(e.getMessage().contains("an alternate must be in the same organisation"),
        e.getMessage());
  }

  @Test
  void noOneAnywhereOffersTheNearestQualified() {
    VaxelException e = assertThrows(VaxelException.class, () -> set.find(platform, "per.presnt"));
    assertTrue(e.getMessage().contains("alfa/per.present"), e.getMessage());
    assertTrue(e.getMessage().contains("beta/per.present"), e.getMessage());
  }
}
