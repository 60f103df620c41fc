package se.vaxel.cli;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import se.vaxel.generate.GenerateService;
import se.vaxel.generate.Rendering;
import se.vaxel.model.Language;
import se.vaxel.model.Person;
import se.vaxel.model.Staff;
import se.vaxel.render.Texts;
import se.vaxel.staff.PersonFinder;

@Command(name = "greeting", mixinStandardHelpOptions = true,
    exitCodeListHeading = ExitCode.HEADING,
    exitCodeList = {ExitCode.Key.OK, ExitCode.Key.BAD_INPUT, ExitCode.Key.INTERNAL},
    header = "Prints a person's voicemail greeting script, to read aloud when recording it.",
    description = {
        "Prints a person's voicemail greeting script (T2), to read aloud when "
            + "recording it, and, for a current or upcoming absence, the temporary absence "
            + "greeting."})
final class GreetingCommand implements Callable<Integer> {
  @ParentCommand VaxelCommand root;
  @Mixin StaffOptions staffOptions;
  @Mixin Verbosity verbosity;

  @Parameters(index = "0", paramLabel = "ID-OR-NAME",
      description = "The person's id or name; part of the name is enough when it is unique."
          + " On a platform of several organisations ORG/ID names one person anywhere.")
  String who;

  @Option(names = "--lang", paramLabel = "LANG",
      description = "sv or en (default: the person's language, else the organisation's).")
  Optional<String> lang = Optional.empty();

  @Option(names = "--date", paramLabel = "YYYY-MM-DD",
      description = "The day that decides which absence is current (default: today).")
  Optional<LocalDate> date = Optional.empty();

  @Override
  public Integer call() throws Exception {
    PersonFinder.Found found = PersonFinder.find(staffOptions.platform(), who);
    if (!found.found()) {
      throw new VaxelException(ExitCode.BAD_INPUT,
          found.problem(who, staffOptions.file.toString()));
    }
    Staff staff = found.member().staff();
    Person p = found.member().person();
    Language language = lang.map(GreetingCommand::language).orElse(staff.languageOf(p));
    LocalDate day = date.orElseGet(() -> GenerateService.today(staff, root.context.clock()));
    Texts texts = Rendering.of(staffOptions.templates, VaxelCommand.version()).texts();
    // Both texts are rendered before anything is printed: a broken template prints nothing.
    String greeting = texts.greeting(staff, p, language);
    Optional<String> absence = texts.absenceGreeting(staff, p, language, day);
    PrintWriter out = root.context.out();
    out.println(heading(language, p));
    out.print(greeting);
    if (absence.isPresent()) {
      out.println();
      out.println(language == Language.SV
          ? "Tillfällig hälsning under frånvaron:" : "Temporary greeting while away:");
      out.print(absence.get());
    }
    return ExitCode.OK.code();
  }

  private static String heading(Language lang, Person p) {
    return lang == Language.SV
        ? "Röstbrevlådans hälsning för " + p.fullName() + ":"
        : "Voicemail greeting for " + p.fullName() + ":";
  }

  private static Language language(String code) {
    try {
      return Language.fromCode(code);
    } catch (IllegalArgumentException e) {
      throw new VaxelException(ExitCode.BAD_INPUT, "--lang must be sv or en, not '" + code + "'");
    }
  }
}
