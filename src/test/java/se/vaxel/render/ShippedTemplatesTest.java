package se.vaxel.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static se.vaxel.render.TextFixtures.TODAY;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import se.vaxel.calendar.WorkingDays;
import se.vaxel.model.Language;
import se.vaxel.model.Person;
import se.vaxel.model.Platform;
import se.vaxel.model.Reason;
import se.vaxel.model.Staff;
import se.vaxel.speech.Announcement;
import se.vaxel.speech.AnnouncementText;

/**
 * Renders every template shipped under templates/sv and templates/en through the class that uses
 * it, with people covering every optional branch, so a template broken by an edit fails here and
 * not in an organisation's nightly run.
 */
class ShippedTemplatesTest {
  private static final Path SHIPPED = Path.of("templates");

  private final Templates templates = TextFixtures.shippedTemplates();
  private final WorkingDays workingDays = new WorkingDays();
  private final Texts texts = new Texts(templates, workingDays);
  private final Staff staff = TextFixtures.bjurholm();

  /** How each shipped file is rendered; a new template without an entry fails the test. */
  private final Map<String, Function<Language, String>> renderers = Map.ofEntries(
      // vaxel serve's pages (se.vaxel.web.WebServer builds these models; docs/serve.md).
      Map.entry("serve-login.html.ftl", lang -> templates.render(lang.code()
          + "/serve-login.html.ftl", page(lang, Map.of("error", "too-many", "sso", false)))),
      Map.entry("serve-console.html.ftl", lang -> templates.render(lang.code()
          + "/serve-console.html.ftl", page(lang, Map.of("user", "op", "csrf", "t<o>k",
              "orgs", List.of("Bjurholms kommun"))))),
      Map.entry("serve-person.html.ftl", lang -> servePerson(lang)),
      Map.entry("greeting.ftl", lang -> each(p -> texts.greeting(staff, p, lang))),
      Map.entry("answering.ftl", lang -> each(p -> texts.answering(staff, p, lang))),
      Map.entry("signature.ftl", lang -> each(p -> texts.signature(staff, p, lang))),
      Map.entry("auto-reply.ftl",
          lang -> each(p -> texts.autoReply(staff, p, lang, TODAY).orElse(""))),
      Map.entry("absence-greeting.ftl",
          lang -> each(p -> texts.absenceGreeting(staff, p, lang, TODAY).orElse(""))),
      Map.entry("switchboard.html.ftl", lang -> new SwitchboardSheet(templates, texts).render(
          TextFixtures.staff(TextFixtures.withLanguage(TextFixtures.BJURHOLM, lang),
              staff.people()), TODAY)),
      Map.entry("announcement.ftl", lang -> announcements(lang)),
      Map.entry("switchboard-platform.html.ftl", lang -> new SwitchboardSheet(templates, texts)
          .render(new Platform("Plattformen", true, List.of(TextFixtures.staff(
              TextFixtures.withLanguage(TextFixtures.BJURHOLM, lang), staff.people()))), TODAY)),
      Map.entry("report.html.ftl", lang -> checkReports(lang)),
      Map.entry("phone-codes.ftl", lang -> String.join("\n",
          new se.vaxel.speech.PhraseKit(templates).phrases(lang).values())),
      // A partial: it only defines wording for the others, so on its own it writes nothing.
      Map.entry("messages.ftl", lang -> templates.render(lang.code() + "/messages.ftl",
          Map.of()).isBlank() ? "defines only" : "writes output"));

  /** What every page of vaxel serve gets (WebServer.base), with {@code extra}. */
  private static Map<String, Object> page(Language lang, Map<String, Object> extra) {
    Map<String, Object> model = new java.util.HashMap<>(extra);
    model.put(Templates.LOCALE, lang.locale());
    model.put("lang", lang.code());
    model.put("reasons", java.util.Arrays.stream(Reason.values()).filter(r -> r != Reason.SJUK)
        .map(Reason::key).toList());
    return model;
  }

  /** My page with every branch: away with a cover, coming absence, E3, a check report. */
  private String servePerson(Language lang) {
    Map<String, Object> model = new java.util.HashMap<>();
    model.put("user", "anna");
    model.put("csrf", "token");
    model.put("switchboard", true);
    model.put("key", "bjurholm/anna.berg");
    model.put("name", "Anna Berg");
    model.put("org", "Bjurholms kommun");
    model.put("ext", "2102");
    model.put("problems", List.of("until: give the last day away"));
    model.put("texts", Map.of("answering", "A", "greeting", "G", "signature", "S",
        "autoReply", "E3", "absenceGreeting", "AG"));
    model.put("away", Map.of("reason", "semester", "until", "2026-12-25T00:00", "lastDay",
        "2026-12-24", "back", "2026-12-28", "source", "live", "origin", "web", "setBy", "op",
        "cover", Map.of("name", "Calle Carlsson", "ext", "2101")));
    model.put("next", Map.of("from", "2027-01-10T00:00", "until", "2027-01-12T00:00"));
    model.put("live", false);
    model.put("check", Map.of("checkedAt", "2026-11-30T02:00:00Z", "greetingMissing", true,
        "findings", List.of(Map.of("rule", "GREETING-MISSING", "message", "no greeting")),
        "incomplete", List.of("x")));
    model.put("colleagues", List.of(Map.of("id", "calle.carlsson", "name", "Calle Carlsson")));
    String away = templates.render(lang.code() + "/serve-person.html.ftl", page(lang, model));
    model.remove("away");
    model.remove("next");
    model.remove("check");
    model.put("live", true);
    return away + templates.render(lang.code() + "/serve-person.html.ftl", page(lang, model));
  }

  /**
   * The check's HTML page through report.HtmlFormatter: one organisation with a finding, a
   * baseline (new, resolved) and an incomplete part, and a platform of two.
   */
  private String checkReports(Language lang) {
    var presentation = new se.vaxel.report.Presentation(lang,
        java.time.ZoneId.of("Europe/Stockholm"), templates, java.util.Optional.empty(),
        Map.of());
    var finding = new se.vaxel.compliance.Finding("VM-NAME",
        se.vaxel.compliance.Severity.WARNING, "anna.berg", "2102", "the mailbox says Ana");
    var orphan = new se.vaxel.compliance.Finding("VM-ORPHAN",
        se.vaxel.compliance.Severity.ERROR, null, "2199", "nobody's mailbox");
    var result = new se.vaxel.compliance.CheckResult(java.time.Instant.parse(
        "2026-11-21T02:00:00Z"), "pbx:5038", 3, se.vaxel.compliance.Compliance.rules(),
        List.of(finding, orphan), List.of("greetings: timed out"));
    var comparison = new se.vaxel.report.Baseline.Comparison(
        java.time.Instant.parse("2026-11-20T02:00:00Z"), java.util.Set.of(),
        List.of(orphan));
    var one = new se.vaxel.report.Report(result, java.util.Optional.of(comparison),
        Map.of("anna.berg", "Anna Berg"), false, false);
    var platform = se.vaxel.report.Report.platform(List.of(one.forOrganisation("alfa", "Alfa"),
        se.vaxel.report.Report.of(result, Map.of()).forOrganisation("beta", "Beta")));
    return se.vaxel.report.Format.HTML.render(one, presentation)
        + se.vaxel.report.Format.HTML.render(platform, presentation);
  }

  @Test
  void everyLanguageShipsTheSameTemplates() throws IOException {
    assertEquals(shipped(Language.SV), shipped(Language.EN));
    assertEquals(new TreeSet<>(renderers.keySet()), shipped(Language.SV));
  }

  @TestFactory
  Stream<DynamicTest> everyShippedTemplateRenders() throws IOException {
    return Stream.of(Language.values()).flatMap(lang -> {
      try {
        return shipped(lang).stream().map(name -> DynamicTest.dynamicTest(
            lang.code() + "/" + name, () -> {
              Function<Language, String> renderer = renderers.get(name);
              assertTrue(renderer != null, "no renderer for shipped template " + name);
              String out = renderer.apply(lang);
              assertFalse(out.isBlank(), name);
              assertFalse(out.equals("writes output"), name + " is a partial but writes output");
            }));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  /** The spoken absence sentence for each reason and kind of target. */
  private String announcements(Language lang) {
    AnnouncementText sentence = new AnnouncementText(templates);
    StringBuilder out = new StringBuilder();
    LocalDateTime start = TODAY.atTime(8, 0);
    for (Reason reason : Reason.values()) {
      for (Announcement.Target target : List.of(Announcement.Target.person("Anna Berg"),
          Announcement.Target.switchboard(), Announcement.Target.voicemail())) {
        out.append(sentence.render(new Announcement("Calle Carlsson", lang, reason, start,
            start.plusDays(3).toLocalDate().atStartOfDay(), TODAY.plusDays(4), target)));
        out.append(sentence.render(new Announcement("Calle Carlsson", lang, reason, start,
            start.plusHours(5), null, target)));
      }
    }
    return out.toString();
  }

  private String each(Function<Person, String> text) {
    return staff.people().stream().map(text).collect(Collectors.joining());
  }

  private static Set<String> shipped(Language lang) throws IOException {
    Path dir = SHIPPED.resolve(lang.code());
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
    }
  }
}
