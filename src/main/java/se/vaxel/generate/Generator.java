package se.vaxel.generate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import se.vaxel.progress.Progress;
import java.util.Optional;
import se.vaxel.model.Language;
import se.vaxel.model.Person;
import se.vaxel.model.Platform;
import se.vaxel.model.Staff;
import se.vaxel.output.OutputFile;
import se.vaxel.render.AsteriskConfig;
import se.vaxel.render.SwitchboardSheet;
import se.vaxel.render.Texts;

/**
 * Everything staff.yaml generates, as files in memory: nothing is written here, so a template
 * error halfway through leaves the output directory as it was.
 */
public final class Generator {

  /** The generated tree and the figures of the summary line. */
  public record Generated(
      List<OutputFile> files, int people, int mailboxes, int currentAbsences, String fingerprint) {}

  private final Texts texts;
  private final SwitchboardSheet sheet;
  private final AsteriskConfig asterisk;

  public Generator(Texts texts, SwitchboardSheet sheet, AsteriskConfig asterisk) {
    this.texts = texts;
    this.sheet = sheet;
    this.asterisk = asterisk;
  }

  /**
   * A lone staff file: today's tree, exactly. A platform file: each organisation's tree, that
   * same layout, under {@code <organisation id>/}, and one {@code switchboard.html} for the
   * whole platform beside them (docs/output.md). One tree in memory either way, so the output
   * writer's manifest, lock and journal cover every organisation at once: a crash leaves all of
   * them old or all of them new.
   */
  public Generated generate(Platform platform, LocalDate today) {
    return generate(platform, today, Progress.NONE);
  }

  /** As {@link #generate(Platform, LocalDate)}, one {@code progress} step per person. */
  public Generated generate(Platform platform, LocalDate today, Progress progress) {
    if (!platform.fromPlatformFile()) {
      return generate(platform.organisations().get(0), today, progress);
    }
    List<OutputFile> files = new ArrayList<>();
    int people = 0;
    int mailboxes = 0;
    int absent = 0;
    List<String> fingerprints = new ArrayList<>();
    for (Staff staff : platform.organisations()) {
      Generated one = generate(staff, today, progress);
      String dir = staff.organisation().id() + "/";
      one.files().forEach(f -> files.add(new OutputFile(dir + f.path(), f.content())));
      people += one.people();
      mailboxes += one.mailboxes();
      absent += one.currentAbsences();
      fingerprints.add(staff.organisation().id() + ":" + one.fingerprint());
    }
    files.add(new OutputFile("switchboard.html", sheet.render(platform, today)));
    files.sort(Comparator.comparing(OutputFile::path));
    return new Generated(List.copyOf(files), people, mailboxes, absent,
        String.join(" ", fingerprints));
  }

  public Generated generate(Staff staff, LocalDate today) {
    return generate(staff, today, Progress.NONE);
  }

  private Generated generate(Staff staff, LocalDate today, Progress progress) {
    // Texts are independent per person and rendering dominates, so both cores work on them.
    List<OutputFile> files = new ArrayList<>(staff.people().parallelStream()
        .flatMap(p -> {
          List<OutputFile> one = personFiles(staff, p, today);
          progress.step();
          return one.stream();
        })
        .toList());
    AsteriskConfig.Rendered conf = asterisk.render(staff);
    files.add(new OutputFile("asterisk/" + AsteriskConfig.VOICEMAIL_FILE, conf.voicemailConf()));
    files.add(new OutputFile("asterisk/" + AsteriskConfig.EXTENSIONS_FILE, conf.extensionsConf()));
    files.add(new OutputFile("switchboard.html", sheet.render(staff, today)));
    files.sort(Comparator.comparing(OutputFile::path));
    int mailboxes = (int) staff.people().stream().filter(Person::hasExtension).count();
    int absent = (int) staff.people().stream().filter(p -> p.absenceOn(today).isPresent()).count();
    return new Generated(List.copyOf(files), staff.people().size(), mailboxes, absent,
        conf.fingerprint());
  }

  private List<OutputFile> personFiles(Staff staff, Person p, LocalDate today) {
    Language lang = staff.languageOf(p);
    String dir = "staff/" + p.id() + "/";
    List<OutputFile> files = new ArrayList<>(5);
    if (p.needsGreeting()) {
      files.add(new OutputFile(dir + "greeting.txt", texts.greeting(staff, p, lang)));
    }
    files.add(new OutputFile(dir + "answering.txt", texts.answering(staff, p, lang)));
    files.add(new OutputFile(dir + "signature.txt", texts.signature(staff, p, lang)));
    addIfPresent(files, dir + "auto-reply.txt", texts.autoReply(staff, p, lang, today));
    addIfPresent(files, dir + "absence-greeting.txt",
        texts.absenceGreeting(staff, p, lang, today));
    return files;
  }

  private static void addIfPresent(List<OutputFile> files, String path, Optional<String> text) {
    text.ifPresent(t -> files.add(new OutputFile(path, t)));
  }
}
