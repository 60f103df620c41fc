package se.vaxel.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import se.vaxel.model.Language;
import se.vaxel.render.Templates.TemplateProblem;

class TemplatesTest {
  @TempDir Path dir;

  private Path write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, content);
  }

  @Test
  void organisationsOwnTemplateWinsOverTheShippedOne() throws IOException {
    write("sv/greeting.ftl", "Välkommen till ${orgName}, ${fullName} här.\n");
    Texts texts = new Texts(TextFixtures.templatesWith(dir), new se.vaxel.calendar.WorkingDays());
    var staff = TextFixtures.bjurholm();
    var calle = staff.byId("calle.carlsson").orElseThrow();
    assertEquals("Välkommen till Bjurholms kommun, Calle Carlsson här.\n",
        texts.greeting(staff, calle, Language.SV));
    assertEquals("Bjurholms kommun, Calle Carlsson, Castorskolan\n",
        texts.answering(staff, calle, Language.SV), "not overridden, so the shipped wording");
  }

  @Test
  void anOverridingTemplateCanImportTheShippedMessages() throws IOException {
    write("sv/note.ftl", "<#import \"messages.ftl\" as m>${m.reasonPhrase.semester}\n");
    assertEquals("på semester\n", TextFixtures.templatesWith(dir).render("sv/note.ftl", Map.of()));
  }

  @Test
  void vaxelHomeTemplatesComeBeforeTheWorkingDirectory() throws IOException {
    write("templates/sv/answering.ftl", "home\n");
    String before = System.getProperty("vaxel.home");
    System.setProperty("vaxel.home", dir.toString());
    try {
      assertEquals("home\n", TextFixtures.shippedTemplates().render("sv/answering.ftl", Map.of()));
    } finally {
      if (before == null) {
        System.clearProperty("vaxel.home");
      } else {
        System.setProperty("vaxel.home", before);
      }
    }
  }

  @Test
  void missingTemplateIsAProblemNamingItAndWhereItWasSought() {
    TemplateProblem e = assertThrows(TemplateProblem.class,
        () -> TextFixtures.templatesWith(dir).render("sv/nonexistent.ftl", Map.of()));
    assertEquals("sv/nonexistent.ftl", e.template());
    assertTrue(e.getMessage().contains("sv/nonexistent.ftl"), e.getMessage());
    assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
  }

  @Test
  void missingOverrideDirectoryIsRejected() {
    Path nowhere = dir.resolve("nowhere");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Templates(Optional.of(nowhere)));
    assertTrue(e.getMessage().contains(nowhere.toString()), e.getMessage());
  }

  @Test
  void undefinedVariableIsAProblemNamingTheTemplate() throws IOException {
    write("sv/typo.ftl", "Hej ${fullNamn}\n");
    TemplateProblem e = assertThrows(TemplateProblem.class,
        () -> TextFixtures.templatesWith(dir).render("sv/typo.ftl", Map.of("fullName", "Bo")));
    assertTrue(e.getMessage().startsWith("template sv/typo.ftl: "), e.getMessage());
    assertTrue(e.getMessage().contains("fullNamn"), e.getMessage());
  }

  @Test
  void syntaxErrorIsAProblemNamingTheTemplate() throws IOException {
    write("sv/broken.ftl", "<#if>\n");
    TemplateProblem e = assertThrows(TemplateProblem.class,
        () -> TextFixtures.templatesWith(dir).render("sv/broken.ftl", Map.of()));
    assertTrue(e.getMessage().startsWith("template sv/broken.ftl: "), e.getMessage());
  }

  @Test
  void htmlTemplatesEscapeAndTextTemplatesDoNot() throws IOException {
    write("sv/x.html.ftl", "<p>${v}</p>");
    write("sv/x.ftl", "${v}");
    Templates templates = TextFixtures.templatesWith(dir);
    Map<String, Object> model = Map.of("v", "O'Brien & Söner <b>\"");
    assertEquals("<p>O&#39;Brien &amp; Söner &lt;b&gt;&quot;</p>",
        templates.render("sv/x.html.ftl", model));
    assertEquals("O'Brien & Söner <b>\"", templates.render("sv/x.ftl", model));
  }

  @Test
  void templatesAreUtf8() throws IOException {
    write("sv/utf8.ftl", "Tack för att du ringde, ${name}.");
    assertEquals("Tack för att du ringde, Åsa-Maj Öberg.",
        TextFixtures.templatesWith(dir).render("sv/utf8.ftl", Map.of("name", "Åsa-Maj Öberg")));
  }

  @Test
  void localeComesFromTheModel() throws IOException {
    write("sv/locale.ftl", "${.locale}");
    assertEquals("sv_SE", TextFixtures.templatesWith(dir)
        .render("sv/locale.ftl", Map.of(Templates.LOCALE, Locale.forLanguageTag("sv-SE"))));
  }

  @Test
  void overrideWithAsteriskTemplatesIsRefusedNamingTheFile() throws IOException {
    write("sv/greeting.ftl", "Hej\n");
    write("asterisk/extensions.conf.ftl", "[evil]\nexten => s,1,System(id)\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Templates(Optional.of(dir)));
    assertEquals("templates directory " + dir + " has asterisk/extensions.conf.ftl, but the"
        + " Asterisk templates carry vaxel's contract with the PBX and cannot be overridden;"
        + " remove " + dir.resolve("asterisk") + " and keep only the wording (sv/, en/)",
        e.getMessage());
  }

  @Test
  void asteriskTemplatesNeverComeFromTheOverride() throws IOException {
    Templates templates = TextFixtures.templatesWith(dir);
    // Appearing after the check: the loader itself does not look there.
    write("asterisk/voicemail.conf.ftl", "[evil]\n");
    var staff = TextFixtures.bjurholm();
    String shipped = new AsteriskConfig(TextFixtures.shippedTemplates(), "test").render(staff)
        .voicemailConf();
    assertTrue(shipped.contains("2101 => ,Calle Carlsson,"), shipped);
    assertEquals(shipped, new AsteriskConfig(templates, "test").render(staff).voicemailConf());
  }

  @Test
  void otherFilesBesideTheWordingAreAllowed() throws IOException {
    write("asterisk/README.txt", "notes\n");
    write("sv/greeting.ftl", "Hej\n");
    assertEquals("Hej\n", TextFixtures.templatesWith(dir).render("sv/greeting.ftl", Map.of()));
  }

  private static final Templates.Limits SMALL = new Templates.Limits(Duration.ofSeconds(1), 1000);

  @Test
  void loopThatWritesNothingIsStoppedAtTheTimeLimit() throws IOException {
    write("sv/spin.ftl", "<#list 1..2000000000 as i></#list>");
    TemplateProblem e = assertThrows(TemplateProblem.class,
        () -> new Templates(Optional.of(dir), SMALL).render("sv/spin.ftl", Map.of()));
    assertEquals("template sv/spin.ftl: ran longer than 1 s; a template may run at most 1 s"
        + " (a loop that does not end?)", e.getMessage());
    assertFalse(Thread.currentThread().isInterrupted(), "the interrupt was taken back");
  }

  @Test
  void loopInAnImportedTemplateIsStoppedToo() throws IOException {
    write("sv/lib.ftl", "<#macro spin><#list 1..2000000000 as i></#list></#macro>");
    write("sv/main.ftl", "<#import \"lib.ftl\" as lib><@lib.spin/>");
    TemplateProblem e = assertThrows(TemplateProblem.class,
        () -> new Templates(Optional.of(dir), SMALL).render("sv/main.ftl", Map.of()));
    assertTrue(e.getMessage().startsWith("template sv/main.ftl: ran longer than 1 s"),
        e.getMessage());
  }

  @Test
  void outputPastTheLimitIsStopped() throws IOException {
    write("sv/flood.ftl", "<#list 1..2000000000 as i>${i}</#list>");
    TemplateProblem e = assertThrows(TemplateProblem.class,
        () -> new Templates(Optional.of(dir), SMALL).render("sv/flood.ftl", Map.of()));
    assertEquals("template sv/flood.ftl: wrote more than 1000 characters; a template may write"
        + " at most 1000", e.getMessage());
  }

  @Test
  void outputPastTheLimitIsStoppedEvenWhenTheTemplateRecovers() throws IOException {
    write("sv/retry.ftl",
        "<#list 1..2000000000 as i><#attempt>${i}<#recover>again</#attempt></#list>");
    TemplateProblem e = assertThrows(TemplateProblem.class,
        () -> new Templates(Optional.of(dir), SMALL).render("sv/retry.ftl", Map.of()));
    assertTrue(e.getMessage().startsWith("template sv/retry.ftl: "), e.getMessage());
  }

  @Test
  void endlessRecursionIsAProblemNamingTheTemplate() throws IOException {
    write("sv/again.ftl", "<#macro m><@m/></#macro><@m/>");
    TemplateProblem e = assertThrows(TemplateProblem.class,
        () -> new Templates(Optional.of(dir), SMALL).render("sv/again.ftl", Map.of()));
    assertEquals("template sv/again.ftl: macros or functions call each other without end",
        e.getMessage());
  }

  @Test
  void hugeTemplateFileIsStoppedAtItsLimit() throws IOException {
    Path huge = write("sv/greeting.ftl", "");
    try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
      file.setLength(1L << 32);
    }
    TemplateProblem e = assertThrows(TemplateProblem.class,
        () -> TextFixtures.templatesWith(dir).render("sv/greeting.ftl", Map.of()));
    assertTrue(e.getMessage().startsWith("template sv/greeting.ftl: "), e.getMessage());
    assertTrue(e.getMessage().contains("longer than 1048576 characters"), e.getMessage());
  }

  @Test
  void renderingWithinTheLimitsIsWhole() throws IOException {
    write("sv/count.ftl", "<#list 1..200 as i>${i % 10}</#list>");
    Templates templates = new Templates(Optional.of(dir), SMALL);
    String expected = "1234567890".repeat(20);
    assertEquals(expected, templates.render("sv/count.ftl", Map.of()));
    assertEquals(expected, templates.render("sv/count.ftl", Map.of()), "the second time too");
  }

  /** An organisation's template must not run code: these are the classic escapes. */
  @ParameterizedTest
  @ValueSource(strings = {
    "<#assign ex = \"freemarker.template.utility.Execute\"?new()>${ex(\"id\")}",
    "<#assign ob = \"freemarker.template.utility.ObjectConstructor\"?new()>${ob(\"java.io.File\", \"/\")}",
    "${file?api.getAbsolutePath()}",
    "${file.getAbsolutePath()}",
    "${file.class.name}",
  })
  void templatesCannotReachJava(String template) throws IOException {
    write("sv/escape.ftl", template);
    Templates templates = TextFixtures.templatesWith(dir);
    assertThrows(TemplateProblem.class,
        () -> templates.render("sv/escape.ftl", Map.of("file", new File("/"))));
  }
}
