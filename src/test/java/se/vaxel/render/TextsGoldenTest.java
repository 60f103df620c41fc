package se.vaxel.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static se.vaxel.render.TextFixtures.TODAY;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import se.vaxel.calendar.WorkingDays;
import se.vaxel.model.Language;
import se.vaxel.model.Person;
import se.vaxel.model.Staff;

/**
 * Every text of every fixture person, and the switchboard sheet, against the reviewed files in
 * src/test/resources/golden/texts/ (per person: {@code <id>/<text>.txt}; a text the person does
 * not get has no file).
 *
 * <p>After an intended wording change run
 * {@code mvn -q test -Dtest=TextsGoldenTest -Dgolden.update=true}: it rewrites the files instead
 * of comparing, and the diff is then reviewed against the policy like any other change.
 */
class TextsGoldenTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden/texts");
  private static final boolean UPDATE = Boolean.getBoolean("golden.update");

  private final Templates templates = TextFixtures.shippedTemplates();
  private final WorkingDays workingDays = new WorkingDays();
  private final Texts texts = new Texts(templates, workingDays);
  private final Staff staff = TextFixtures.bjurholm();

  @TestFactory
  Stream<DynamicTest> everyTextOfEveryPersonMatchesItsGoldenFile() {
    return staff.people().stream().flatMap(p -> textsOf(p).entrySet().stream().map(text ->
        DynamicTest.dynamicTest(p.id() + "/" + text.getKey(), () ->
            check(GOLDEN.resolve(p.id()).resolve(text.getKey() + ".txt"), text.getValue()))));
  }

  @TestFactory
  Stream<DynamicTest> switchboardSheetMatchesItsGoldenFile() {
    return Stream.of(DynamicTest.dynamicTest("switchboard.html", () -> check(
        GOLDEN.resolve("switchboard.html"),
        Optional.of(new SwitchboardSheet(templates, texts).render(staff, TODAY)))));
  }

  private Map<String, Optional<String>> textsOf(Person p) {
    Language lang = staff.languageOf(p);
    Map<String, Optional<String>> all = new LinkedHashMap<>();
    all.put("greeting", Optional.of(texts.greeting(staff, p, lang)));
    all.put("answering", Optional.of(texts.answering(staff, p, lang)));
    all.put("signature", Optional.of(texts.signature(staff, p, lang)));
    all.put("auto-reply", texts.autoReply(staff, p, lang, TODAY));
    all.put("absence-greeting", texts.absenceGreeting(staff, p, lang, TODAY));
    return all;
  }

  private static void check(Path file, Optional<String> actual) throws IOException {
    if (UPDATE) {
      if (actual.isPresent()) {
        Files.createDirectories(file.getParent());
        Files.writeString(file, actual.get());
      } else {
        Files.deleteIfExists(file);
      }
      return;
    }
    if (actual.isPresent()) {
      assertEquals(Files.readString(file), actual.get(), file.toString());
    } else {
      assertFalse(Files.exists(file), file + " exists but the person gets no such text");
    }
  }
}
