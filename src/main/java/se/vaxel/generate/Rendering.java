package se.vaxel.generate;

import java.nio.file.Path;
import java.util.Optional;
import se.vaxel.calendar.WorkingDays;
import se.vaxel.render.AsteriskConfig;
import se.vaxel.render.SwitchboardSheet;
import se.vaxel.render.Templates;
import se.vaxel.render.Texts;

/** The renderers, wired once over one template chain. */
public record Rendering(Texts texts, SwitchboardSheet sheet, AsteriskConfig asterisk) {

  public static Rendering of(Optional<Path> organisationTemplates, String version) {
    Templates templates = new Templates(organisationTemplates);
    WorkingDays workingDays = new WorkingDays();
    Texts texts = new Texts(templates, workingDays);
    return new Rendering(texts, new SwitchboardSheet(templates, texts),
        new AsteriskConfig(templates, version));
  }

  public Generator generator() {
    return new Generator(texts, sheet, asterisk);
  }
}
