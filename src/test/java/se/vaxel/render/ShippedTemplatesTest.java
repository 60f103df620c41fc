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
  private final Map<String, Function<Language, String>> renderers = Map.of(
      "greeting.ftl", lang -> each(p -> texts.greeting(staff, p, lang)),
      "answering.ftl", lang -> each(p -> texts.answering(staff, p, lang)),
      "signature.ftl", lang -> each(p -> texts.signature(staff, p, lang)),
      "auto-reply.ftl", lang -> each(p -> texts.autoReply(staff, p, lang, TODAY).orElse("")),
      "absence-greeting.ftl",
      lang -> each(p -> texts.absenceGreeting(staff, p, lang, TODAY).orElse("")),
      "switchboard.html.ftl", lang -> new SwitchboardSheet(templates, texts).render(
          TextFixtures.staff(TextFixtures.withLanguage(TextFixtures.BJURHOLM, lang),
              staff.people()), TODAY),
      "announcement.ftl", lang -> announcements(lang),
      "phone-codes.ftl", lang -> String.join("\n",
          new se.vaxel.speech.PhraseKit(templates).phrases(lang).values()),
      "switchboard-platform.html.ftl", lang -> new SwitchboardSheet(templates, texts).render(
          new Platform("Plattformen", true, List.of(TextFixtures.staff(
              TextFixtures.withLanguage(TextFixtures.BJURHOLM, lang), staff.people()))), TODAY),
      // A partial: it only defines wording for the others, so on its own it writes nothing.
      "messages.ftl", lang -> templates.render(lang.code() + "/messages.ftl", Map.of()).isBlank()
          ? "defines only" : "writes output");

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
