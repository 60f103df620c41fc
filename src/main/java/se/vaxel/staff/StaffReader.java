package se.vaxel.staff;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import se.vaxel.model.Absence;
import se.vaxel.model.Coverage;
import se.vaxel.model.DialplanContexts;
import se.vaxel.model.AnswerExtra;
import se.vaxel.model.AsteriskSettings;
import se.vaxel.model.Language;
import se.vaxel.model.MailOption;
import se.vaxel.model.Organisation;
import se.vaxel.model.Person;
import se.vaxel.model.Reason;
import se.vaxel.model.Staff;
import se.vaxel.calendar.CalendarSettings;

/**
 * Validates the composed YAML of one staff file and builds {@link Staff} from it. Reads every
 * section even after a problem, so that one run reports everything; builds nothing unless the
 * whole file is clean. One instance reads one file.
 *
 * <p>Required keys: {@code organisation} with {@code name}, {@code place}, {@code switchboard},
 * {@code phone}, {@code functional-mailbox}, {@code language} and {@code timezone} (every text
 * names the sender, the signature its place, option B the mailbox, and the switchboard is where
 * calls go when nobody else can take them); {@code staff}, a list that may be empty; in each
 * staff entry {@code id}, {@code first-name}, {@code last-name} and {@code email} (the
 * signature, the auto-reply and the voicemail box all need them); in each absence
 * {@code from}, {@code until} and {@code reason} (T3: the switchboard must know when it ends).
 *
 * <p>Optional: the whole {@code asterisk} section and each of its keys (defaults from
 * {@link AsteriskSettings#defaults()}); a person's {@code title}, {@code department},
 * {@code workplace}, {@code extension}, {@code phone}, {@code mobile}, {@code language},
 * {@code answer-with} and {@code absences}; an absence's {@code alternate}, {@code mail}
 * (default {@code functional-mailbox}) and {@code weekly-contacts}.
 *
 * <p>Values are taken from the scalar's text as written, never from what YAML would construct:
 * unquoted {@code 2026-07-20} stays a date, {@code 2101} an extension and {@code No} a name.
 */
final class StaffReader {
  /** The top level's main keys, which the message for a file of another shape names. */
  private static final List<String> MAIN = List.of("organisation", "asterisk", "staff");
  private static final List<String> TOP = List.of("organisation", "asterisk", "staff",
      "calendar");
  private static final List<String> ORGANISATION = List.of("id",
      "name", "place", "switchboard", "phone", "functional-mailbox", "language", "timezone");
  private static final List<String> ASTERISK =
      List.of("voicemail-context", "dialplan-context", "device", "switchboard-device",
          "ring-timeout", "hints");
  private static final List<String> PERSON = List.of("id", "first-name", "last-name", "title",
      "department", "workplace", "extension", "phone", "mobile", "email", "language",
      "answer-with", "absences", "calendar");
  private static final List<String> ABSENCE =
      List.of("from", "until", "reason", "alternate", "mail", "weekly-contacts");

  /** Starts with a letter or digit: an id names a directory, so "." and ".." are out. */
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  private static final Pattern EXTENSION = Pattern.compile("[0-9]{2,8}");
  private static final Pattern SWITCHBOARD = Pattern.compile("[0-9]{1,8}");
  private static final Pattern PHONE = Pattern.compile("(?=.*[0-9])[0-9 +-]{1,30}");
  private static final Pattern EMAIL = Pattern.compile(
      "(?=.{3,254}$)[A-Za-z0-9._%+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
          + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+");
  /**
   * Asterisk cuts context names at 79 characters, and the dialplan context gets suffixes of up
   * to 14 ("-planned-p0001", model.DialplanContexts), so 65 keeps every generated context
   * distinct.
   */
  private static final int MAX_CONTEXT = 79 - DialplanContexts.LONGEST_SUFFIX;
  private static final Pattern CONTEXT = Pattern.compile("[A-Za-z0-9_-]{1," + MAX_CONTEXT + "}");
  /** Section names the two files give a meaning of their own. */
  private static final Set<String> RESERVED_CONTEXTS =
      Set.of("general", "globals", "zonemessages", "default");
  private static final String PHONE_RULE = "may only contain digits, spaces, '+' and '-'";
  private static final String EMAIL_RULE = "is not a valid e-mail address";
  private static final String CONTEXT_RULE =
      "may only contain A-Z, a-z, 0-9, '_' and '-' (at most " + MAX_CONTEXT + " characters)";
  private static final Pattern DEVICE_REST = Pattern.compile("[A-Za-z0-9/_@.:-]*");
  /**
   * app_voicemail keeps a mailbox's full name in {@code char fullname[80]} (struct ast_vm_user,
   * apps/app_voicemail.c of Asterisk 22) and copies it with ast_copy_string, so everything past
   * 79 bytes is cut, in the middle of a character if need be: the mailbox would never match
   * staff.yaml and every apply would roll back. Bytes of UTF-8, not characters: an å takes two.
   * docs/asterisk-limits.md has every such bound.
   */
  static final int MAX_FULL_NAME_BYTES = 79;
  /**
   * A device ends up on the hint line and inside Dial(); Asterisk skips a configuration line of
   * 8,191 bytes or more without failing the reload (main/config.c, buf[8192]), so a long device
   * would silently leave extensions without a hint. No real dial string comes near 200.
   */
  static final int MAX_DEVICE_LENGTH = 200;
  private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
  private static final Pattern DATE_TIME =
      Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}");
  private static final Pattern WEEK = Pattern.compile("[1-9][0-9]?");
  /**
   * Absences are walked day by day (weekly contacts, routing segments), so a file must not be
   * able to ask for millennia; three years covers the longest parental leave.
   */
  private static final long MAX_ABSENCE_DAYS = 3 * 366;
  private static final int MIN_YEAR = 2000;
  private static final int MAX_YEAR = 2099;
  private static final int MIN_RING = 5;
  private static final int MAX_RING = 300;
  /**
   * Suggesting the nearest id scans every id; with tens of thousands of people and as many
   * broken references that would take minutes, so only the first ones get a suggestion.
   */
  private static final int ID_SUGGESTIONS = 100;

  private final Problems problems;
  private String switchboard;
  private int idSuggestionsLeft = ID_SUGGESTIONS;
  // What the platform checks need of this file (StaffIndex), gathered as it is read.
  private String organisationId;
  private boolean idDeclared;
  private StaffIndex.Position organisationAt = StaffIndex.Position.START;
  private String organisationName;
  private StaffIndex.Position switchboardAt = StaffIndex.Position.START;
  private String voicemailContext;
  private StaffIndex.Position voicemailAt;
  private boolean voicemailGiven;
  private String dialplanContext;
  private StaffIndex.Position dialplanAt;
  private boolean dialplanGiven;
  private final Map<String, StaffIndex.Position> idPositions = new LinkedHashMap<>();
  private final List<StaffIndex.Extension> extensions = new ArrayList<>();
  private final List<StaffIndex.Unresolved> unresolved = new ArrayList<>();
  private final List<Problem> warnings = new ArrayList<>();
  /** Each person's own {@code calendar:} value, for {@link CalendarReader}. */
  private final Map<String, Node> personCalendars = new LinkedHashMap<>();

  StaffReader(Problems problems) {
    this.problems = problems;
  }

  /** A reference to a staff id, kept with its node so problems can point at it. */
  private record Ref(String id, ScalarNode node) {}

  /** A staff entry as read; fields are null where missing or invalid. */
  private record PersonDraft(
      Ref id,
      ScalarNode extensionNode,
      String firstName,
      String lastName,
      String title,
      String department,
      String workplace,
      String extension,
      String phone,
      String mobile,
      String email,
      Language language,
      List<AnswerExtra> answerWith,
      List<AbsenceDraft> absences) {

    Person toPerson() {
      return new Person(id.id(), firstName, lastName, title, department, workplace, extension,
          phone, mobile, email, language, answerWith,
          absences.stream().map(AbsenceDraft::toAbsence).toList());
    }
  }

  /** An absence as read; start and end are null when a date is missing or invalid. */
  private record AbsenceDraft(
      MappingNode node,
      LocalDateTime start,
      LocalDateTime end,
      boolean wholeDays,
      Reason reason,
      Ref alternate,
      MailOption mail,
      SortedMap<Integer, Ref> weeklyContacts) {

    boolean dated() {
      return start != null && end != null;
    }

    boolean overlaps(AbsenceDraft other) {
      return start.isBefore(other.end) && other.start.isBefore(end);
    }

    /** The period as the file says it, e.g. 2026-07-20..2026-08-09 (until inclusive). */
    String period() {
      return wholeDays
          ? start.toLocalDate() + ".." + end.minusDays(1).toLocalDate()
          : start + ".." + end;
    }

    Absence toAbsence() {
      SortedMap<Integer, String> contacts = new TreeMap<>();
      weeklyContacts.forEach((week, ref) -> contacts.put(week, ref.id()));
      return new Absence(start, end, wholeDays, reason,
          alternate == null ? null : alternate.id(), mail, contacts);
    }
  }

  /** What the platform checks need of the file just read, also when {@link #read} failed. */
  StaffIndex index() {
    return new StaffIndex(organisationId, idDeclared, organisationAt, organisationName,
        switchboard, switchboardAt, idPositions, extensions,
        voicemailContext, voicemailAt == null ? organisationAt : voicemailAt, voicemailGiven,
        dialplanContext, dialplanAt == null ? organisationAt : dialplanAt, dialplanGiven,
        unresolved);
  }

  Staff read(Node root) throws StaffException {
    if (!(root instanceof MappingNode rootMapping)) {
      problems.add(root, "staff.yaml must be a mapping with the keys " + String.join(", ", MAIN)
          + ", found " + Fields.describe(root));
      throw problems.exception();
    }
    Fields top = new Fields(rootMapping, "the top level", TOP, problems);
    MappingNode organisationNode = top.mapping("organisation", true);
    organisationAt = StaffIndex.Position.of(top.key("organisation"));
    Organisation organisation = organisationNode == null ? null : organisation(organisationNode);
    MappingNode asteriskNode = top.mapping("asterisk", false);
    // A valid declared id decides the defaults even when other organisation keys are wrong,
    // so that the platform checks see the names this file will have once it is fixed.
    AsteriskSettings defaults = idDeclared
        ? AsteriskSettings.defaultsFor(organisationId) : AsteriskSettings.defaults();
    voicemailContext = defaults.voicemailContext();
    voicemailAt = organisationAt;
    dialplanContext = defaults.dialplanContext();
    dialplanAt = organisationAt;
    AsteriskSettings asterisk =
        asteriskNode == null ? defaults : asterisk(asteriskNode, defaults);
    SequenceNode staffNode = top.sequence("staff", true);
    List<PersonDraft> people = new ArrayList<>();
    if (staffNode != null) {
      for (Node entry : staffNode.getValue()) {
        if (entry instanceof MappingNode entryMapping) {
          people.add(person(entryMapping));
        } else {
          problems.add(entry, "a staff entry must be a mapping with id, first-name, last-name"
              + " and email, found " + Fields.describe(entry));
        }
      }
    }
    acrossPeople(people);
    Node calendarNode = top.node("calendar");
    CalendarSettings calendar = new CalendarReader(problems).read(
        calendarNode == null || Fields.isNull(calendarNode) ? null : calendarNode,
        personCalendars, idPositions.keySet());
    if (!problems.isEmpty()) {
      throw problems.exception();
    }
    Staff staff = new Staff(organisation, asterisk,
        people.stream().map(PersonDraft::toPerson).toList(), calendar);
    coversWithoutExtension(staff, people);
    return staff;
  }

  /** What is allowed but probably not meant, at FILE:LINE:COL; {@code validate} prints it. */
  List<Problem> warnings() {
    return List.copyOf(warnings);
  }

  /**
   * A contact named for someone's calls who has no extension: {@link Coverage} then sends those
   * calls to the switchboard, which refers callers to them. Allowed (the switchboard can refer
   * to a mobile), but worth a warning, since a reader of staff.yaml expects the contact's phone
   * to ring. Reported once per name in the file, for the weeks Coverage names them.
   */
  private void coversWithoutExtension(Staff staff, List<PersonDraft> people) {
    for (PersonDraft d : people) {
      if (d.extension() == null) {
        continue;
      }
      for (AbsenceDraft draft : d.absences()) {
        Absence absence = draft.toAbsence();
        Map<ScalarNode, List<Integer>> weeksByNode = new LinkedHashMap<>();
        Map<ScalarNode, Coverage.Cover> covers = new LinkedHashMap<>();
        for (int week : absence.isoWeeks()) {
          Coverage.Cover cover = Coverage.planned(staff, absence, week);
          if (cover.why() != Coverage.Why.NO_EXTENSION) {
            continue;
          }
          ScalarNode node = cover.source() == Coverage.Source.WEEKLY_CONTACT
              ? draft.weeklyContacts().get(week).node() : draft.alternate().node();
          weeksByNode.computeIfAbsent(node, n -> new ArrayList<>()).add(week);
          covers.putIfAbsent(node, cover);
        }
        covers.forEach((node, cover) -> {
          Person contact = cover.contact();
          String who = (cover.source() == Coverage.Source.WEEKLY_CONTACT
              ? "weekly contact for week " + cover.week() : "alternate") + " '" + contact.id()
              + "' (" + contact.fullName() + ")";
          List<Integer> weeks = weeksByNode.get(node);
          String when = cover.source() == Coverage.Source.WEEKLY_CONTACT ? "in week "
              + cover.week() : weeks.size() == absence.isoWeeks().size() ? "" : "in week"
              + (weeks.size() == 1 ? " " : "s ") + weeks.stream().map(String::valueOf)
                  .collect(java.util.stream.Collectors.joining(", "));
          warnings.add(new Problem(problems.file(), node.getStartMark().getLine() + 1,
              node.getStartMark().getColumn() + 1, "warning: " + who + " has no extension, so "
              + "calls for '" + d.id().id() + "' " + (when.isEmpty() ? "" : when + " ")
              + "go to the switchboard (" + staff.organisation().switchboard() + "), which "
              + "refers callers to them" + (cover.number() == null ? "" : " at "
              + cover.number()) + "; name someone with an extension if their phone should "
              + "ring instead"));
        });
      }
    }
  }

  private Organisation organisation(MappingNode node) {
    Fields f = new Fields(node, "organisation", ORGANISATION, problems);
    ScalarNode idNode = f.scalar("id", false);
    String id = idNode == null ? null
        : formatted(idNode, "organisation.id", Organisation.ID, "may only contain a-z, 0-9 and"
            + " '-', starting and ending with a letter or digit (at most 32 characters), e.g."
            + " 'bjurholm'");
    String name = freeText(f, "name", true, false);
    String place = freeText(f, "place", true, false);
    if (id != null) {
      organisationId = id;
      idDeclared = true;
      organisationAt = StaffIndex.Position.of(idNode);
    } else if (idNode == null && name != null) {
      organisationId = Organisation.idFrom(name);
    }
    organisationName = name;
    ScalarNode switchboardNode = f.scalar("switchboard", true);
    switchboardAt = StaffIndex.Position.of(switchboardNode);
    switchboard = digits(switchboardNode, "switchboard", SWITCHBOARD, "must be 1 to 8 digits");
    String phone = formatted(f.scalar("phone", true), "phone", PHONE, PHONE_RULE);
    String mailbox = formatted(f.scalar("functional-mailbox", true), "functional-mailbox",
        EMAIL, EMAIL_RULE);
    Language language =
        choice(f.scalar("language", true), "language", Language.values(), Language::code);
    ZoneId timezone = timezone(f);
    if (name == null || place == null || switchboard == null || phone == null
        || mailbox == null || language == null || timezone == null
        || (idNode != null && id == null)) {
      return null;
    }
    return new Organisation(id == null ? Organisation.idFrom(name) : id, id != null, name, place,
        switchboard, phone, mailbox, language, timezone);
  }

  private ZoneId timezone(Fields f) {
    ScalarNode node = f.scalar("timezone", true);
    if (node == null) {
      return null;
    }
    String text = node.getValue().strip();
    try {
      ZoneId zone = ZoneId.of(text);
      if (zone instanceof java.time.ZoneOffset) {
        // A fixed offset knows no summer time: every absence would be an hour off half the year.
        problems.add(node, "timezone " + FreeText.quoted(text) + " is a fixed offset; use a "
            + "region such as Europe/Stockholm, which knows summer time");
        return null;
      }
      return zone;
    } catch (DateTimeException e) {
      problems.add(node, "unknown timezone " + FreeText.quoted(text)
          + Nearest.to(text, ZoneId.getAvailableZoneIds())
              .map(z -> "; did you mean '" + z + "'?")
              .orElse("; use a region such as Europe/Stockholm"));
      return null;
    }
  }

  private AsteriskSettings asterisk(MappingNode node, AsteriskSettings defaults) {
    Fields f = new Fields(node, "asterisk", ASTERISK, problems);
    String voicemail = defaults.voicemailContext();
    if (f.has("voicemail-context")) {
      ScalarNode given = f.scalar("voicemail-context", false);
      voicemail = context(given, "voicemail-context");
      voicemailContext = voicemail;
      voicemailAt = StaffIndex.Position.of(given);
      voicemailGiven = true;
    }
    String dialplan = defaults.dialplanContext();
    if (f.has("dialplan-context")) {
      ScalarNode given = f.scalar("dialplan-context", false);
      dialplan = context(given, "dialplan-context");
      dialplanContext = dialplan;
      dialplanAt = StaffIndex.Position.of(given);
      dialplanGiven = true;
    }
    String device = f.has("device") ? device(f.scalar("device", false)) : defaults.device();
    ScalarNode switchboardNode = f.scalar("switchboard-device", false);
    String switchboardDevice = switchboardNode == null ? null
        : formatted(switchboardNode, "switchboard-device", DEVICE_REST,
            "may only contain letters, digits and / _ @ . : -");
    if (switchboardDevice != null && switchboardDevice.length() > MAX_DEVICE_LENGTH) {
      problems.add(switchboardNode, "switchboard-device is " + switchboardDevice.length()
          + " characters long; at most " + MAX_DEVICE_LENGTH + " are allowed");
      switchboardDevice = null;
    }
    Integer ringTimeout = f.has("ring-timeout")
        ? ringTimeout(f.scalar("ring-timeout", false))
        : Integer.valueOf(defaults.ringTimeout());
    Boolean hints = f.has("hints") ? hints(f.scalar("hints", false)) : Boolean.TRUE;
    if (voicemail == null || dialplan == null || device == null || ringTimeout == null
        || hints == null || (switchboardNode != null && switchboardDevice == null)) {
      return null;
    }
    return new AsteriskSettings(voicemail, dialplan, device, switchboardDevice, ringTimeout,
        hints);
  }

  private String device(ScalarNode node) {
    if (node == null) {
      return null;
    }
    String device = node.getValue().strip();
    if (device.length() > MAX_DEVICE_LENGTH) {
      problems.add(node, "device is " + device.length() + " characters long; at most "
          + MAX_DEVICE_LENGTH + " are allowed");
      return null;
    }
    String placeholder = AsteriskSettings.EXTEN_PLACEHOLDER;
    String rest = device.replace(placeholder, "");
    if ((device.length() - rest.length()) / placeholder.length() != 1) {
      problems.add(node, "device " + FreeText.quoted(device) + " must contain " + placeholder
          + " exactly once, e.g. PJSIP/" + placeholder);
      return null;
    }
    if (!DEVICE_REST.matcher(rest).matches()) {
      problems.add(node, "device " + FreeText.quoted(device) + " may only contain " + placeholder
          + ", letters, digits and / _ @ . : -");
      return null;
    }
    return device;
  }

  private Integer ringTimeout(ScalarNode node) {
    if (node == null) {
      return null;
    }
    String text = node.getValue().strip();
    if (text.matches("[0-9]{1,3}")) {
      int seconds = Integer.parseInt(text);
      if (seconds >= MIN_RING && seconds <= MAX_RING) {
        return seconds;
      }
    }
    problems.add(node, "ring-timeout " + FreeText.quoted(text)
        + " must be a whole number of seconds from " + MIN_RING + " to " + MAX_RING);
    return null;
  }

  /** true or false, as written: a hint per extension costs reload time (docs/apply.md). */
  private Boolean hints(ScalarNode node) {
    if (node == null) {
      return null;
    }
    String text = node.getValue().strip();
    if (text.equals("true") || text.equals("false")) {
      return Boolean.valueOf(text);
    }
    problems.add(node, "hints " + FreeText.quoted(text) + " must be true or false (false "
        + "leaves the hints out: an organisation of many thousand people reloads much faster)");
    return null;
  }

  private PersonDraft person(MappingNode node) {
    Fields f = new Fields(node, "staff entry", PERSON, problems);
    ScalarNode idNode = f.scalar("id", true);
    String id = formatted(idNode, "id", ID,
        "may only contain a-z, 0-9, '.', '_' and '-' (at most 64 characters)");
    String firstName = freeText(f, "first-name", true, true);
    String lastName = freeText(f, "last-name", true, true);
    if (firstName != null && lastName != null && f.has("extension")) {
      mailboxName(f.scalar("first-name", true), firstName + " " + lastName);
    }
    String title = freeText(f, "title", false, false);
    String department = freeText(f, "department", false, false);
    String workplace = freeText(f, "workplace", false, false);
    ScalarNode extensionNode = f.scalar("extension", false);
    String extension = digits(extensionNode, "extension", EXTENSION, "must be 2 to 8 digits");
    String phone = formatted(f.scalar("phone", false), "phone", PHONE, PHONE_RULE);
    String mobile = formatted(f.scalar("mobile", false), "mobile", PHONE, PHONE_RULE);
    String email = formatted(f.scalar("email", true), "email", EMAIL, EMAIL_RULE);
    Language language =
        choice(f.scalar("language", false), "language", Language.values(), Language::code);
    List<AnswerExtra> answerWith = answerWith(f);
    if (id != null && f.has("calendar")) {
      personCalendars.put(id, f.node("calendar"));
    }
    List<AbsenceDraft> absences = new ArrayList<>();
    SequenceNode absencesNode = f.sequence("absences", false);
    if (absencesNode != null) {
      for (Node item : absencesNode.getValue()) {
        if (item instanceof MappingNode absence) {
          absences.add(absence(absence));
        } else {
          problems.add(item, "an absence must be a mapping with from, until and reason, found "
              + Fields.describe(item));
        }
      }
    }
    return new PersonDraft(id == null ? null : new Ref(id, idNode), extensionNode, firstName,
        lastName, title, department, workplace, extension, phone, mobile, email, language,
        answerWith, absences);
  }

  private List<AnswerExtra> answerWith(Fields f) {
    SequenceNode node = f.sequence("answer-with", false);
    if (node == null) {
      return List.of();
    }
    Set<AnswerExtra> extras = EnumSet.noneOf(AnswerExtra.class);
    List<AnswerExtra> ordered = new ArrayList<>();
    for (Node item : node.getValue()) {
      if (!(item instanceof ScalarNode scalar)) {
        problems.add(item, "answer-with items must be text, found " + Fields.describe(item));
        continue;
      }
      AnswerExtra extra = choice(scalar, "answer-with", AnswerExtra.values(), AnswerExtra::key);
      if (extra == null) {
        continue;
      }
      if (!extras.add(extra)) {
        problems.add(item, "answer-with lists '" + extra.key() + "' twice");
      } else if (!f.has(extra.key())) {
        problems.add(item, "answer-with '" + extra.key() + "' needs a " + extra.key()
            + " for this person");
      } else {
        ordered.add(extra);
      }
    }
    return ordered;
  }

  private AbsenceDraft absence(MappingNode node) {
    Fields f = new Fields(node, "absence", ABSENCE, problems);
    ScalarNode fromNode = f.scalar("from", true);
    ScalarNode untilNode = f.scalar("until", true);
    When from = when(fromNode, "from");
    When until = when(untilNode, "until");
    Reason reason = choice(f.scalar("reason", true), "reason", Reason.values(), Reason::key);
    ScalarNode alternateNode = f.scalar("alternate", false);
    Ref alternate = alternateNode == null ? null : ref(alternateNode);
    ScalarNode mailNode = f.scalar("mail", false);
    MailOption mail = f.has("mail")
        ? choice(mailNode, "mail", MailOption.values(), MailOption::key)
        : MailOption.FUNCTIONAL_MAILBOX;
    if (mail != null && mail.needsAlternate() && !f.has("alternate")) {
      problems.add(mailNode, "mail '" + mail.key()
          + "' needs an alternate: the person who "
          + (mail == MailOption.CHECKED_BY ? "checks the mailbox" : "receives the mail"));
    }
    LocalDateTime start = null;
    LocalDateTime end = null;
    if (from != null && until != null) {
      start = from.start();
      end = until.end();
      if (!end.isAfter(start)) {
        problems.add(untilNode, "until " + until.text() + " is "
            + (end.isBefore(start) ? "before" : "the same as") + " from " + from.text());
        start = null;
        end = null;
      } else if (ChronoUnit.DAYS.between(start, end) > MAX_ABSENCE_DAYS) {
        problems.add(untilNode, "the absence " + from.text() + ".." + until.text()
            + " is longer than three years; split it, or check the year");
        start = null;
        end = null;
      }
    }
    boolean wholeDays = from != null && until != null && from.isDate() && until.isDate();
    SortedMap<Integer, Ref> contacts = weeklyContacts(f.mapping("weekly-contacts", false));
    AbsenceDraft draft =
        new AbsenceDraft(node, start, end, wholeDays, reason, alternate, mail, contacts);
    if (draft.dated()) {
      weeksWithin(draft);
    }
    return draft;
  }

  /** A from or until value: a whole day or a local date-time, as written. */
  private record When(String text, LocalDate date, LocalDateTime dateTime) {
    boolean isDate() {
      return date != null;
    }

    LocalDateTime start() {
      return isDate() ? date.atStartOfDay() : dateTime;
    }

    /** until is inclusive: a whole day ends at the next midnight. */
    LocalDateTime end() {
      return isDate() ? date.plusDays(1).atStartOfDay() : dateTime;
    }
  }

  private When when(ScalarNode node, String key) {
    if (node == null) {
      return null;
    }
    String text = node.getValue().strip();
    try {
      When when = null;
      if (DATE.matcher(text).matches()) {
        when = new When(text, LocalDate.parse(text), null);
      } else if (DATE_TIME.matcher(text).matches()) {
        when = new When(text, null, LocalDateTime.parse(text));
      }
      if (when != null) {
        int year = when.start().getYear();
        if (year >= MIN_YEAR && year <= MAX_YEAR) {
          return when;
        }
        problems.add(node, key + " " + FreeText.quoted(text) + " is not between the years "
            + MIN_YEAR + " and " + MAX_YEAR);
        return null;
      }
    } catch (DateTimeParseException e) {
      // Shaped like a date but not one, such as 2026-02-30: reported below.
    }
    problems.add(node, key + " " + FreeText.quoted(text)
        + " is not a date (YYYY-MM-DD) or a local date-time (YYYY-MM-DDTHH:MM)");
    return null;
  }

  private SortedMap<Integer, Ref> weeklyContacts(MappingNode node) {
    SortedMap<Integer, Ref> contacts = new TreeMap<>();
    if (node == null) {
      return contacts;
    }
    for (NodeTuple tuple : node.getValue()) {
      Node key = tuple.getKeyNode();
      Node value = tuple.getValueNode();
      String keyText = key instanceof ScalarNode s ? s.getValue().strip() : "";
      if (!WEEK.matcher(keyText).matches() || Integer.parseInt(keyText) > 53) {
        problems.add(key, "weekly-contacts keys must be ISO week numbers 1 to 53, found "
            + (key instanceof ScalarNode ? FreeText.quoted(keyText) : Fields.describe(key)));
        continue;
      }
      int week = Integer.parseInt(keyText);
      if (!(value instanceof ScalarNode valueScalar) || Fields.isNull(value)) {
        problems.add(value, "the weekly contact for week " + week + " must be a staff id, found "
            + (Fields.isNull(value) ? "nothing" : Fields.describe(value)));
      } else if (contacts.containsKey(week)) {
        problems.add(key, "week " + week + " is given twice in weekly-contacts");
      } else {
        contacts.put(week, ref(valueScalar));
      }
    }
    return contacts;
  }

  /** A weekly contact for a week the person is not away is almost surely a typo. */
  private void weeksWithin(AbsenceDraft absence) {
    Set<Integer> weeks = new TreeSet<>();
    LocalDate first = absence.start().toLocalDate();
    LocalDate last = absence.end().minusNanos(1).toLocalDate();
    if (ChronoUnit.DAYS.between(first, last) > 366) {
      return;
    }
    for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
      weeks.add(day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }
    absence.weeklyContacts().forEach((week, ref) -> {
      if (!weeks.contains(week)) {
        problems.add(ref.node(), "week " + week + " is not within the absence "
            + absence.period() + " (weeks "
            + weeks.stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")");
      }
    });
  }

  private Ref ref(ScalarNode node) {
    return new Ref(node.getValue().strip(), node);
  }

  /** Checks that span people: ids, extensions, references, overlapping absences. */
  private void acrossPeople(List<PersonDraft> people) {
    Map<String, PersonDraft> byId = new HashMap<>();
    Map<String, PersonDraft> byExtension = new HashMap<>();
    for (PersonDraft p : people) {
      if (p.id() != null) {
        idPositions.putIfAbsent(p.id().id(), StaffIndex.Position.of(p.id().node()));
        PersonDraft first = byId.putIfAbsent(p.id().id(), p);
        if (first != null) {
          problems.add(p.id().node(), "duplicate id '" + p.id().id() + "' (first used at line "
              + line(first.id().node()) + ")");
        }
      }
      if (p.extension() != null) {
        extensions.add(new StaffIndex.Extension(p.extension(),
            p.id() == null ? null : p.id().id(), StaffIndex.Position.of(p.extensionNode())));
        if (p.extension().equals(switchboard)) {
          problems.add(p.extensionNode(), "extension " + p.extension()
              + " is the switchboard's own (organisation.switchboard)");
          continue;
        }
        PersonDraft first = byExtension.putIfAbsent(p.extension(), p);
        if (first != null) {
          problems.add(p.extensionNode(), "extension " + p.extension() + " is already used by "
              + (first.id() == null ? "the entry" : "'" + first.id().id() + "'")
              + " at line " + line(first.extensionNode()));
        }
      }
    }
    for (PersonDraft p : people) {
      overlaps(p);
      if (p.id() == null) {
        continue;
      }
      for (AbsenceDraft a : p.absences()) {
        if (a.alternate() != null) {
          reference(a.alternate(), "alternate", p, byId);
          alternatesEachOther(p, a, byId);
        }
        a.weeklyContacts().forEach((week, ref) ->
            reference(ref, "weekly contact for week " + week, p, byId));
      }
    }
  }

  private void overlaps(PersonDraft p) {
    List<AbsenceDraft> dated = p.absences().stream()
        .filter(AbsenceDraft::dated)
        .sorted(Comparator.comparing(AbsenceDraft::start))
        .toList();
    AbsenceDraft latest = null;
    for (AbsenceDraft a : dated) {
      if (latest != null && a.start().isBefore(latest.end())) {
        problems.add(a.node(), "absence " + a.period() + " overlaps the absence "
            + latest.period() + " at line " + line(latest.node()));
      }
      if (latest == null || a.end().isAfter(latest.end())) {
        latest = a;
      }
    }
  }

  private void reference(Ref ref, String what, PersonDraft owner, Map<String, PersonDraft> byId) {
    if (ref.id().equals(owner.id().id())) {
      problems.add(ref.node(), what + " '" + ref.id() + "' is the person themselves");
    } else if (!byId.containsKey(ref.id())) {
      String message = what + " " + FreeText.quoted(ref.id()) + " is not a staff id";
      if (idSuggestionsLeft > 0) {
        idSuggestionsLeft--;
        message += Nearest.to(ref.id(), byId.keySet())
            .map(id -> "; did you mean '" + id + "'?")
            .orElse("");
      }
      Problem problem = problems.add(ref.node(), message);
      if (problem != null) {
        unresolved.add(new StaffIndex.Unresolved(ref.id(), what, problem));
      }
    }
  }

  /**
   * Two people who stand in for each other while both are away leave callers with nobody: the
   * problem is reported on each of the two alternates, since either may be the one to change.
   */
  private void alternatesEachOther(PersonDraft p, AbsenceDraft a, Map<String, PersonDraft> byId) {
    PersonDraft other = byId.get(a.alternate().id());
    if (!a.dated() || other == null || other == p) {
      return;
    }
    for (AbsenceDraft b : other.absences()) {
      if (b.dated() && b.alternate() != null && b.alternate().id().equals(p.id().id())
          && a.overlaps(b)) {
        problems.add(a.alternate().node(), "'" + p.id().id() + "' and '" + other.id().id()
            + "' are each other's alternate while both are absent (" + a.period() + " and "
            + b.period() + " at line " + line(b.node()) + ")");
        return;
      }
    }
  }

  private String freeText(Fields f, String key, boolean required, boolean isName) {
    ScalarNode node = f.scalar(key, required);
    if (node == null) {
      return null;
    }
    String value = FreeText.normalise(node.getValue());
    Optional<String> problem = value.isEmpty()
        ? Optional.ofNullable(required ? key + " is empty" : null)
        : FreeText.problem(key, value, isName);
    problem.ifPresent(message -> problems.add(node, message));
    return value.isEmpty() || problem.isPresent() ? null : value;
  }

  /** The full name as the mailbox keeps it; see {@link #MAX_FULL_NAME_BYTES}. */
  private void mailboxName(ScalarNode firstNameNode, String fullName) {
    int bytes = fullName.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_FULL_NAME_BYTES) {
      problems.add(firstNameNode, "the full name " + FreeText.quoted(fullName) + " is " + bytes
          + " bytes in UTF-8, and Asterisk keeps at most " + MAX_FULL_NAME_BYTES
          + " bytes of a voicemail box's name (å, ä, ö take two each); shorten first-name or"
          + " last-name");
    }
  }

  private String context(ScalarNode node, String key) {
    String name = formatted(node, key, CONTEXT, CONTEXT_RULE);
    if (name != null && RESERVED_CONTEXTS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
      problems.add(node, key + " '" + name + "' is a section Asterisk reserves for settings");
      return null;
    }
    return name;
  }

  private String formatted(ScalarNode node, String key, Pattern pattern, String rule) {
    if (node == null) {
      return null;
    }
    String value = node.getValue().strip();
    if (!pattern.matcher(value).matches()) {
      problems.add(node, key + " " + FreeText.quoted(value) + " " + rule);
      return null;
    }
    return value;
  }

  /**
   * A number written as digits. YAML 1.1 reads an unquoted {@code 0123} as the octal number
   * 83, so a leading zero must be quoted for the file to mean the same to every YAML tool.
   */
  private String digits(ScalarNode node, String key, Pattern pattern, String rule) {
    String value = formatted(node, key, pattern, rule);
    if (value != null && node.isPlain() && Tag.INT.equals(node.getTag())
        && value.startsWith("0") && value.length() > 1) {
      problems.add(node, key + " " + value + " must be quoted as \"" + value
          + "\": unquoted, YAML reads a number with a leading zero as octal");
      return null;
    }
    return value;
  }

  /** The enum constant spelt as the node's text; null, reported, when there is none. */
  private <E extends Enum<E>> E choice(
      ScalarNode node, String what, E[] values, Function<E, String> keyOf) {
    if (node == null) {
      return null;
    }
    String text = node.getValue().strip();
    for (E value : values) {
      if (keyOf.apply(value).equals(text)) {
        return value;
      }
    }
    List<String> valid = Arrays.stream(values).map(keyOf).toList();
    problems.add(node, "unknown " + what + " " + FreeText.quoted(text)
        + Nearest.to(text, valid).map(v -> "; did you mean '" + v + "'?").orElse("")
        + "; valid: " + String.join(", ", valid));
    return null;
  }

  private static int line(Node node) {
    return node.getStartMark().getLine() + 1;
  }
}
