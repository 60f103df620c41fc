package se.vaxel.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import se.vaxel.compliance.CheckResult;
import se.vaxel.compliance.Compliance;
import se.vaxel.compliance.Finding;
import se.vaxel.compliance.Severity;
import se.vaxel.model.Language;
import se.vaxel.render.Templates;

/** An ANNOUNCEMENT-MISSING finding reaches every report format, named by rule and person. */
class AnnouncementMissingFormatsTest {

  @Test
  void theFindingShowsInEveryFormat() {
    Finding f = new Finding("ANNOUNCEMENT-MISSING", Severity.WARNING, "anna.berg", "2102",
        "away through 2026-12-04 (staff.yaml) but the announcement announce-0123 is not on the "
            + "PBX: callers hear nothing before the call goes on");
    Report report = Report.of(new CheckResult(Fixtures.CHECKED_AT, "127.0.0.1:5038", 3,
        Compliance.rules(), List.of(f), List.of()), Fixtures.names());
    Presentation en = new Presentation(Language.EN, ZoneId.of("Europe/Stockholm"),
        new Templates(Optional.empty()), Optional.of(Duration.ofMillis(1)), Map.of());

    for (Format format : Format.values()) {
      String out = format.render(report, en);
      assertTrue(out.contains("ANNOUNCEMENT-MISSING"), format + ":\n" + out);
      if (format != Format.PROMETHEUS) {
        assertTrue(out.contains("anna.berg") || out.contains("Anna Berg"), format + ":\n" + out);
      }
    }
    assertTrue(Format.NAGIOS.render(report, en).startsWith("VAXEL WARNING"),
        Format.NAGIOS.render(report, en));
    assertTrue(Format.PROMETHEUS.render(report, en).contains(
        "vaxel_check_findings{rule=\"ANNOUNCEMENT-MISSING\",severity=\"warning\"} 1"),
        Format.PROMETHEUS.render(report, en));
  }
}
