package se.vaxel.render;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import se.vaxel.calendar.WorkingDays;
import se.vaxel.model.Absence;
import se.vaxel.model.AnswerExtra;
import se.vaxel.model.Coverage;
import se.vaxel.model.Language;
import se.vaxel.model.Organisation;
import se.vaxel.model.Person;
import se.vaxel.model.Reason;
import se.vaxel.model.Staff;
import se.vaxel.speech.SpokenWords;

/**
 * Each person's texts: voicemail greeting (T2), answering phrase (T1), e-mail signature (E2),
 * out-of-office reply (E3) and absence greeting.
 *
 * <p>The wording lives in {@code templates/<lang>/}; this class decides everything else (which
 * lines apply, who to contact, which day someone is back, which phone number to give) and hands
 * the template plain strings, lists and maps. Every text ends with a line break. Pure and
 * thread-safe.
 *
 * <p>Every person template receives {@code locale}, {@code firstName}, {@code lastName},
 * {@code fullName}, {@code orgName}, {@code orgGenitive} (Swedish genitive: "Bjurholms kommuns")
 * and, when known, {@code title}, {@code department}, {@code workplace}, {@code place},
 * {@code email}, {@code switchboardPhone}; each method lists what it adds.
 */
public final class Texts {
  /** E3's "väntas åter XX-XX-XX": two-digit year, month and day. */
  private static final DateTimeFormatter POLICY_DATE = DateTimeFormatter.ofPattern("yy-MM-dd");

  private final Templates templates;
  private final WorkingDays workingDays;

  public Texts(Templates templates, WorkingDays workingDays) {
    this.templates = Objects.requireNonNull(templates, "templates");
    this.workingDays = Objects.requireNonNull(workingDays, "workingDays");
  }

  /** T2, {@code <lang>/greeting.ftl}: no additions. */
  public String greeting(Staff staff, Person p, Language lang) {
    return templates.render(lang.code() + "/greeting.ftl", personModel(staff, p, lang).map());
  }

  /**
   * T1, {@code <lang>/answering.ftl}: {@code extras}, the person's chosen additions (workplace,
   * title) in the order they listed them, leaving out any they have no value for.
   */
  public String answering(Staff staff, Person p, Language lang) {
    List<String> extras = new ArrayList<>();
    for (AnswerExtra extra : p.answerWith()) {
      String value = switch (extra) {
        case WORKPLACE -> p.workplace();
        case TITLE -> p.title();
      };
      if (value != null) {
        extras.add(value);
      }
    }
    return templates.render(lang.code() + "/answering.ftl",
        personModel(staff, p, lang).put("extras", extras).map());
  }

  /**
   * E2, {@code <lang>/signature.ftl}: {@code phone}, the person's direct number or else the
   * switchboard's (the policy's layout always has a Tel line, and the switchboard reaches
   * everyone), and {@code mobile}.
   */
  public String signature(Staff staff, Person p, Language lang) {
    String phone = p.phone() != null ? p.phone() : staff.organisation().phone();
    return templates.render(lang.code() + "/signature.ftl",
        personModel(staff, p, lang).put("phone", phone).put("mobile", p.mobile()).map());
  }

  /**
   * E3 for the absence covering {@code today} or the next one, {@code <lang>/auto-reply.ftl}:
   * {@code returnDate} (yy-MM-dd, the policy's "XX-XX-XX"), {@code returnDay} (a date map, see
   * {@link SpokenDate#of}), {@code mail} (the staff.yaml option: checked-by, functional-mailbox,
   * forwarded, reads-own), {@code mailPerson} (the alternate's name, for checked-by and
   * forwarded), {@code functionalMailbox}, and {@code contacts}.
   *
   * <p>Each contact is the cover {@link Coverage#planned} names for its week: {@code switchboard}
   * (true: nobody is named, the switchboard itself), else {@code name}, {@code phone} (direct,
   * else mobile; absent when they have neither, and the template then gives the switchboard's
   * number), {@code email} and {@code viaSwitchboard} (true when they have no extension, so a
   * call to the absent person reaches the switchboard, which refers the caller to them); and
   * {@code week} when contacts change by week. With weekly contacts every ISO week the absence
   * touches gets a line, and a week without its own contact falls back to the alternate, then
   * the switchboard, so a sender never reads a week with nobody to call. Without weekly contacts
   * there is one line: the alternate, else the switchboard.
   */
  public Optional<String> autoReply(Staff staff, Person p, Language lang, LocalDate today) {
    return p.currentOrUpcomingAbsence(today).map(absence -> {
      Person alternate = alternateOf(staff, p, absence);
      if (absence.mail().needsAlternate() && alternate == null) {
        throw new IllegalArgumentException(
            p.id() + ": mail option " + absence.mail().key() + " needs an alternate");
      }
      LocalDate back = returnDay(absence);
      TextModel model = personModel(staff, p, lang)
          .put("returnDate", POLICY_DATE.format(back))
          .put("returnDay", SpokenDate.of(back, lang.locale(), true))
          .put("mail", absence.mail().key())
          .put("mailPerson", absence.mail().needsAlternate() ? alternate.fullName() : null)
          .put("functionalMailbox", staff.organisation().functionalMailbox())
          .put("contacts", contacts(staff, absence));
      return templates.render(lang.code() + "/auto-reply.ftl", model.map());
    });
  }

  /**
   * The temporary greeting for the absence covering {@code today} or the next one,
   * {@code <lang>/absence-greeting.ftl}: {@code reason} (see {@link #disclosedReason}),
   * {@code until} (a date map, see {@link SpokenDate#of}: the last day away, or the day it ends
   * for an absence ending at a time of day; with {@code year} only when it is not the year the
   * absence starts or the current year), {@code untilTime} (a clock map, only for an absence
   * ending at a time of day), and {@code alternate}, the cover of the whole absence (see
   * {@link #steadyCover}): {@code name}, {@code phone} (direct, else mobile, absent when they
   * have neither) and {@code viaSwitchboard} (true when they have no extension, so the
   * switchboard takes the calls and refers callers to them); absent when nobody is named.
   */
  public Optional<String> absenceGreeting(Staff staff, Person p, Language lang, LocalDate today) {
    return p.currentOrUpcomingAbsence(today).map(absence -> templates.render(
        lang.code() + "/absence-greeting.ftl",
        absenceGreetingModel(staff, p, lang, absence, steadyCover(staff, absence), today, null)
            .map()));
  }

  /**
   * The same temporary greeting as a speech engine must read it, for the one vaxel speaks into
   * an absent person's mailbox (docs/speech.md, "The temporary greeting"): the template and
   * model of {@link #absenceGreeting}, but every number is words ({@code until} and
   * {@code untilTime} are {@link SpokenWords#date} and {@link SpokenWords#clock} parts, phone
   * numbers are digit words in groups, see {@link SpokenWords#phone}) and {@code spoken} is
   * "true", so that the template words a clock for the ear. {@code cover} is who takes the
   * calls now ({@link Coverage#at}, its owner): a contact away too is not named, since the
   * switchboard takes those calls. The result is one line, white space collapsed, so the same
   * facts always give the same text.
   */
  public String spokenAbsenceGreeting(Staff staff, Person p, Language lang, Absence absence,
      Coverage.Cover cover, LocalDate today) {
    Coverage.Cover named = cover.why() == Coverage.Why.CONTACT_AWAY ? Coverage.Cover.NOBODY : cover;
    TextModel model = absenceGreetingModel(staff, p, lang, absence, named, today,
        new SpokenWords(lang));
    return templates.render(lang.code() + "/absence-greeting.ftl", model.map())
        .replaceAll("\\s+", " ").strip();
  }

  private static TextModel absenceGreetingModel(Staff staff, Person p, Language lang,
      Absence absence, Coverage.Cover cover, LocalDate today, SpokenWords words) {
    boolean endsDuringDay = absence.endsDuringDay();
    LocalDate until = endsDuringDay ? absence.end().toLocalDate() : absence.lastDay();
    boolean withYear = until.getYear() != absence.firstDay().getYear()
        || until.getYear() != today.getYear();
    java.util.function.UnaryOperator<String> phone =
        number -> number == null || words == null ? number : words.phone(number);
    TextModel model = personModel(staff, p, lang)
        .put("reason", disclosedReason(absence.reason()))
        .put("alternate", cover.contact() == null ? null : new TextModel()
            .put("name", cover.contact().fullName())
            .put("phone", phone.apply(cover.number()))
            .put("viaSwitchboard", cover.why() == Coverage.Why.NO_EXTENSION)
            .map());
    if (words == null) {
      return model
          .put("until", SpokenDate.of(until, lang.locale(), withYear))
          .put("untilTime", endsDuringDay ? SpokenDate.clock(absence.end().toLocalTime()) : null);
    }
    return model
        .put("until", words.date(until, withYear))
        .put("untilTime", endsDuringDay ? words.clock(absence.end().toLocalTime()) : null)
        .put("switchboardPhone", phone.apply(staff.organisation().phone()))
        .put("spoken", "true");
  }

  /**
   * The day the person is expected back, as E3 and the switchboard sheet give it; see
   * {@link WorkingDays#returnDay}.
   */
  public LocalDate returnDay(Absence absence) {
    return workingDays.returnDay(absence);
  }

  /** The reason a text may give, see {@link Reason#disclosed()}. */
  static String disclosedReason(Reason reason) {
    return reason.disclosed().key();
  }

  /**
   * Who to name in a greeting recorded once for the whole absence: the cover of every week it
   * touches, when it is the same one (same contact, same way of reaching them); else nobody
   * (callers go to the switchboard), since a recorded name that is wrong half the time is worse
   * than none.
   */
  static Coverage.Cover steadyCover(Staff staff, Absence absence) {
    Coverage.Cover first = null;
    for (int week : absence.isoWeeks()) {
      Coverage.Cover cover = Coverage.planned(staff, absence, week);
      if (first == null) {
        first = cover;
      } else if (!Objects.equals(cover.contact(), first.contact())
          || cover.why() != first.why()) {
        return Coverage.Cover.NOBODY;
      }
    }
    return first;
  }

  static Person alternateOf(Staff staff, Person p, Absence absence) {
    return absence.alternate() == null ? null : staff.byId(absence.alternate()).orElseThrow(() ->
        // The loader rejects unknown ids; reaching this means a model built around it.
        new IllegalArgumentException(p.id() + ": no staff member with id " + absence.alternate()));
  }

  /**
   * One line per week the absence touches when it has weekly contacts, else one line; each the
   * cover {@link Coverage#planned} names. The staff.yaml key is the week number alone, so an
   * absence of more than a year meets a number twice; it is listed once, at its first
   * occurrence.
   */
  private static List<Map<String, Object>> contacts(Staff staff, Absence absence) {
    if (absence.weeklyContacts().isEmpty()) {
      return List.of(contact(null, Coverage.planned(staff, absence, 0)));
    }
    List<Map<String, Object>> contacts = new ArrayList<>();
    for (int week : absence.isoWeeks()) {
      contacts.add(contact(Integer.toString(week), Coverage.planned(staff, absence, week)));
    }
    return contacts;
  }

  private static Map<String, Object> contact(String week, Coverage.Cover cover) {
    Person person = cover.contact();
    TextModel contact = new TextModel().put("week", week).put("switchboard", person == null);
    if (person != null) {
      contact.put("name", person.fullName())
          .put("phone", cover.number())
          .put("email", person.email())
          .put("viaSwitchboard", cover.why() == Coverage.Why.NO_EXTENSION);
    }
    return contact.map();
  }

  private static TextModel personModel(Staff staff, Person p, Language lang) {
    Organisation org = staff.organisation();
    return new TextModel()
        .put(Templates.LOCALE, lang.locale())
        .put("firstName", p.firstName())
        .put("lastName", p.lastName())
        .put("fullName", p.fullName())
        .put("title", p.title())
        .put("department", p.department())
        .put("workplace", p.workplace())
        .put("email", p.email())
        .put("orgName", org.name())
        .put("orgGenitive", swedishGenitive(org.name()))
        .put("place", org.place())
        .put("switchboardPhone", org.phone());
  }

  /** "Bjurholms kommun" to "Bjurholms kommuns"; a name ending in s, x or z takes no extra s. */
  static String swedishGenitive(String name) {
    char last = Character.toLowerCase(name.charAt(name.length() - 1));
    return last == 's' || last == 'x' || last == 'z' ? name : name + "s";
  }
}
