package se.vaxel.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.vaxel.compliance.CheckResult;

class FormatTest {
  @Test
  void everyFormatIsNamedOnTheCommandLineInLowerCase() {
    for (Format f : Format.values()) {
      assertEquals(f, Format.of(f.key()));
      assertEquals(f, Format.of(f.key().toUpperCase(Locale.ROOT)));
      assertEquals(f.key(), f.toString());
    }
    assertEquals("text json junit html nagios prometheus",
        String.join(" ", Arrays.stream(Format.values()).map(Format::key).toList()));
  }

  @Test
  void anUnknownFormatListsTheKnownOnes() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Format.of("xml"));

    assertEquals("unknown format 'xml', expected one of: text, json, junit, html, nagios, "
        + "prometheus", e.getMessage());
  }

  @Test
  void everyFormatRendersARunWithNoRulesNoPeopleAndNoNames() {
    CheckResult empty = new CheckResult(Instant.EPOCH, "pbx", 0, List.of(), List.of(), List.of());

    for (Format f : Format.values()) {
      assertFalse(f.render(Report.of(empty, Map.of())).isEmpty(), f.key());
    }
  }
}
