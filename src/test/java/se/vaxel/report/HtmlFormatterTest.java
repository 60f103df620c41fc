package se.vaxel.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.vaxel.compliance.CheckResult;
import se.vaxel.compliance.Finding;
import se.vaxel.compliance.Severity;

class HtmlFormatterTest {
  private static final String EVIL = "<script>alert('x')</script> & \"q\"";
  private static final String ESCAPED =
      "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;";

  @Test
  void pageIsSelfContainedAndFitsAPhone() {
    String html = Format.HTML.render(Fixtures.withBaseline());

    assertTrue(html.startsWith("<!DOCTYPE html>\n"));
    assertTrue(html.contains("<meta name=\"viewport\" content=\"width=device-width"));
    for (String external : List.of("<script", "<link", "<img", "src=", "http:", "https:",
        "url(", "@import")) {
      assertFalse(html.contains(external), external);
    }
  }

  @Test
  void theSummaryComesBeforeThePeople() {
    String html = Format.HTML.render(Fixtures.report());

    int summary = html.indexOf("<section id=\"summary\">");
    int incomplete = html.indexOf("role=\"alert\"");
    int findings = html.indexOf("<section id=\"findings\">");
    int anna = html.indexOf("Anna Berg");
    assertTrue(0 < summary && summary < incomplete && incomplete < findings
        && findings < anna, html);
    assertTrue(html.contains("<p class=\"status bad\">Not compliant: 3 errors, 2 warnings"));
  }

  @Test
  void anIncompleteRunIsNotCompliantAndACleanOneIs() {
    String incomplete = Format.HTML.render(
        Fixtures.report(List.of(), List.of(Fixtures.INCOMPLETE)));
    String clean = Format.HTML.render(Fixtures.report(List.of(), List.of()));

    assertTrue(incomplete.contains("Not compliant: the check was incomplete"));
    assertTrue(incomplete.contains("<li>" + Fixtures.INCOMPLETE + "</li>"));
    assertTrue(clean.contains("<p class=\"status ok\">Compliant: 3 people, no findings</p>"));
    assertFalse(clean.contains("role=\"alert\""));
  }

  @Test
  void everythingFromOutsideIsEscaped() {
    Finding f = new Finding(EVIL, Severity.ERROR, "x", "2102", EVIL);
    CheckResult r = new CheckResult(Instant.EPOCH, EVIL, 1,
        List.of(Fixtures.rule(EVIL, Severity.ERROR, EVIL)), List.of(f), List.of(EVIL));

    String html = Format.HTML.render(Report.of(r, Map.of("x", EVIL)));

    assertFalse(html.contains("<script"), html);
    assertTrue(html.contains("<title>vaxel check of " + ESCAPED + ": not compliant</title>"));
    assertTrue(html.contains("<h3>" + ESCAPED + " <span class=\"id\">x · ext. 2102</span></h3>"));
    assertTrue(html.contains("<td data-label=\"What it checks\">" + ESCAPED + "</td>"));
    assertTrue(html.contains("<li>" + ESCAPED + "</li>"));
    assertTrue(html.contains("<a href=\"#rule-_script_alert__x____script_____q_\">"));
  }

  @Test
  void timesAreTheOrganisationsLocalTimeInItsLanguage() {
    Presentation sv = new Presentation(se.vaxel.model.Language.SV,
        java.time.ZoneId.of("Europe/Stockholm"), new se.vaxel.render.Templates(
            java.util.Optional.empty()), java.util.Optional.empty(), Map.of());
    // Fixtures check at 02:00 UTC on 21 November: 03:00 in Stockholm (CET, +01:00).
    String html = Format.HTML.render(Fixtures.withBaseline(), sv);

    assertTrue(html.contains("<html lang=\"sv\">"), html);
    assertTrue(html.contains("<time datetime=\"2026-11-21T03:00:00+01:00\">lördag 21 november"
        + " 2026 kl. 3.00 (Europe/Stockholm)</time>"), html);
    assertFalse(html.contains("02:00:00Z") || html.contains("T02:00"), "no UTC instant");
    assertTrue(html.contains("<p class=\"status bad\">Uppfyller inte reglerna: 3 fel, 2 varningar"),
        html);
  }

  @Test
  void anOrganisationsOwnTemplateWins(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Files.createDirectories(dir.resolve("en"));
    java.nio.file.Files.writeString(dir.resolve("en/report.html.ftl"),
        "<p>${pbx}: <#if summary.compliant>ok<#else>${summary.errors} fel</#if></p>");
    Presentation own = new Presentation(se.vaxel.model.Language.EN,
        java.time.ZoneId.of("Europe/Stockholm"), new se.vaxel.render.Templates(
            java.util.Optional.of(dir)), java.util.Optional.empty(), Map.of());

    assertEquals("<p>pbx.bjurholm.example:5038: 3 fel</p>",
        Format.HTML.render(Fixtures.report(), own));
  }
}
