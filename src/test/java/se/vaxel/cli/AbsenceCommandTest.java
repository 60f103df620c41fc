package se.vaxel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import se.vaxel.ami.AmiConnector;

/**
 * vaxel absence set refuses bad input before it contacts the PBX: exit 2, never a login (which
 * would turn a typo into exit 3 when the PBX is out of reach). The clock is Cli's, Saturday
 * 2026-11-21 10:00 UTC; the staff file is the shipped one.
 */
class AbsenceCommandTest {
  /** A PBX that must not be contacted. */
  private static final AmiConnector NEVER = settings -> fail("the PBX was contacted");
  private static final Map<String, String> ENV = Map.of("VAXEL_AMI_SECRET", "s3cret");

  private static Cli.Run set(String... args) {
    List<String> all = new ArrayList<>(List.of("absence", "set", "-f=" + Cli.SHIPPED,
        "--asterisk-conf-dir=/nonexistent"));
    all.addAll(List.of(args));
    return Cli.run(NEVER, ENV, all.toArray(String[]::new));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "an end already past|anna.berg --until 2026-11-20"
          + "|--until: the absence would end 2026-11-21T00:00, which is already past",
      "an end before the start|anna.berg --from 2026-12-10 --until 2026-12-01"
          + "|--until 2026-12-02T00:00 is not after --from 2026-12-10T00:00",
      "an unknown person|anna.bergg --until 2026-12-01|anna.berg",
      "a first name one letter off|kalle --until 2026-12-01|did you mean:",
      "an unknown alternate|anna.berg --until 2026-12-01 --alternate nobody.here|--alternate",
      "the person as their own alternate|anna.berg --until 2026-12-01 --alternate anna.berg"
          + "|--alternate cannot be anna.berg themselves",
      "an alternate without an extension"
          + "|anna.berg --until 2026-12-01 --alternate linnea.sjodin|has no extension",
      "a person without an extension|linnea.sjodin --until 2026-12-01|has no extension"})
  void badInputIsExitTwoBeforeThePbxIsContacted(String name, String args, String says) {
    Cli.Run r = set(args.split(" "));

    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().startsWith("vaxel: "), r::toString);
    assertTrue(r.err().contains(says), r::toString);
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    Cli.Run r = set("anna.berg", "--until", "2026-11-01", "--alternate", "linnea.sjodin");

    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().contains("already past"), r::toString);
    assertTrue(r.err().contains("Linnéa Sjödin (--alternate) has no extension"), r::toString);
  }

  @Test
  void goodInputGoesOnToThePbx() {
    AmiConnector unreachable = settings -> {
      throw new se.vaxel.ami.AmiException(se.vaxel.ami.AmiException.Kind.UNREACHABLE,
          "cannot reach the AMI at 127.0.0.1:5038: Connection refused");
    };
    Cli.Run r = Cli.run(unreachable, ENV, "absence", "set", "-f=" + Cli.SHIPPED,
        "--asterisk-conf-dir=/nonexistent", "anna.berg", "--until", "2026-12-01");

    assertEquals(3, r.code(), "the checks let it through to the PBX: " + r);
  }
}
