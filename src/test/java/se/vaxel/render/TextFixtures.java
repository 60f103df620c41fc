package se.vaxel.render;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import se.vaxel.calendar.WorkingDays;
import se.vaxel.model.Absence;
import se.vaxel.model.AnswerExtra;
import se.vaxel.model.AsteriskSettings;
import se.vaxel.model.Language;
import se.vaxel.model.MailOption;
import se.vaxel.model.Organisation;
import se.vaxel.model.Person;
import se.vaxel.model.Reason;
import se.vaxel.model.Staff;

/**
 * A small Bjurholms kommun built by hand, so the render tests do not depend on the staff.yaml
 * loader. Each person covers a case: full data with weekly contacts (Calle), an absence over the
 * new year with a 53-week year and option A (Anna), sickness (Bo), English and an absence ending
 * at a time of day (Sarah), no title, workplace or phone (Åsa-Maj), a mobile only (René).
 */
final class TextFixtures {
  /** A Wednesday in ISO week 30, 2026: Calle, Bo and Sarah are away, Anna and René later. */
  static final LocalDate TODAY = LocalDate.of(2026, 7, 22);

  static final Organisation BJURHOLM = new Organisation("Bjurholms kommun", "Bjurholm", "100",
      "0934-140 00", "kommunen@bjurholm.se", Language.SV, ZoneId.of("Europe/Stockholm"));

  private TextFixtures() {}

  static Templates shippedTemplates() {
    return new Templates(Optional.empty());
  }

  static Templates templatesWith(Path overrideDir) {
    return new Templates(Optional.of(overrideDir));
  }

  static Texts texts() {
    return new Texts(shippedTemplates(), new WorkingDays());
  }

  static Staff bjurholm() {
    return staff(BJURHOLM, people());
  }

  static Staff staff(Organisation org, List<Person> people) {
    return new Staff(org, AsteriskSettings.defaults(), people);
  }

  static Organisation withLanguage(Organisation org, Language language) {
    return new Organisation(org.name(), org.place(), org.switchboard(), org.phone(),
        org.functionalMailbox(), language, org.timezone());
  }

  static List<Person> people() {
    return List.of(
        new Person("calle.carlsson", "Calle", "Carlsson", "Rektor", "Barn och utbildning",
            "Castorskolan", "2101", "0934-140 01", "070-123 45 67", "calle.carlsson@bjurholm.se",
            null, List.of(AnswerExtra.WORKPLACE),
            List.of(days("2026-07-20", "2026-08-09", Reason.SEMESTER, "anna.berg",
                MailOption.FUNCTIONAL_MAILBOX, Map.of(30, "anna.berg", 31, "bo.lind")))),
        new Person("anna.berg", "Anna", "Berg", "Administratör", null, "Kommunkontoret", "2102",
            "0934-140 02", null, "anna.berg@bjurholm.se", null,
            List.of(AnswerExtra.TITLE, AnswerExtra.WORKPLACE),
            List.of(days("2026-12-21", "2027-01-06", Reason.SEMESTER, "calle.carlsson",
                MailOption.CHECKED_BY, Map.of(52, "calle.carlsson", 1, "asa-maj.oberg")))),
        new Person("bo.lind", "Bo", "Lind", "Vaktmästare", "Samhällsbyggnad", null, "2103",
            "0934-140 03", null, "bo.lind@bjurholm.se", null, List.of(AnswerExtra.TITLE),
            List.of(days("2026-07-21", "2026-07-24", Reason.SJUK, null, MailOption.READS_OWN,
                Map.of()))),
        new Person("sarah.lindqvist-moore", "Sarah", "Lindqvist-Moore", "Utvecklingsstrateg",
            "Kommunledningsförvaltningen", "Kommunkontoret", "2104", null, "070-222 33 44",
            "sarah.lindqvist-moore@bjurholm.se", Language.EN, List.of(AnswerExtra.WORKPLACE),
            List.of(new Absence(LocalDateTime.parse("2026-07-22T13:00"),
                LocalDateTime.parse("2026-07-24T12:00"), false, Reason.UTBILDNING, "anna.berg",
                MailOption.FORWARDED, null))),
        new Person("asa-maj.oberg", "Åsa-Maj", "Öberg", null, null, null, "2105", null, null,
            "asa-maj.oberg@bjurholm.se", null, List.of(AnswerExtra.WORKPLACE), List.of()),
        new Person("rene.strand", "René", "Strand", "Undersköterska", null, "Hemtjänsten", null,
            null, "070-555 66 77", "rene.strand@bjurholm.se", null,
            List.of(AnswerExtra.WORKPLACE, AnswerExtra.TITLE),
            List.of(days("2026-09-01", "2027-02-28", Reason.FORALDRALEDIG, null,
                MailOption.FUNCTIONAL_MAILBOX, Map.of()))));
  }

  /** A whole-day absence as the loader makes it from {@code from:} and {@code until:}. */
  static Absence days(String from, String until, Reason reason, String alternate,
      MailOption mail, Map<Integer, String> weeklyContacts) {
    return new Absence(LocalDate.parse(from).atStartOfDay(),
        LocalDate.parse(until).plusDays(1).atStartOfDay(), true, reason, alternate, mail,
        new TreeMap<>(weeklyContacts));
  }

  /** A person with only the required fields and these absences. */
  static Person person(String id, String first, String last, List<Absence> absences) {
    return new Person(id, first, last, null, null, null, null, null, null, null, null, null,
        absences);
  }
}
