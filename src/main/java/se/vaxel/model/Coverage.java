package se.vaxel.model;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Who covers for an absent person (T3 "om möjligt ange alternativ person"): the one owner of
 * that decision. The dialplan's planned windows ({@link CallRouting}), the texts, the
 * switchboard sheet, {@code check}, {@code absence list}, the console's presence and
 * {@code validate} all ask here, so that they tell callers one story.
 *
 * <p>The rule, for a moment of an absence:
 * <ol>
 *   <li>the <em>named</em> contact is the live override's alternate when the switchboard set
 *       one; else the weekly contact of the ISO week of that moment (E3 "v. 31 ..."); else the
 *       absence's alternate; else nobody;
 *   <li>the call rings the named contact's extension, unless they have none ({@link
 *       Why#NO_EXTENSION}) or are away too at that moment ({@link Why#CONTACT_AWAY}); then,
 *       and when nobody is named ({@link Why#NONE_NAMED}), the switchboard takes the call;
 *   <li>texts name the contact whenever one is named, also when the switchboard takes the
 *       calls: the switchboard then refers callers to them, at {@link Cover#number()}.
 * </ol>
 *
 * <p>A weekly contact without an extension sends that week's calls to the switchboard, not to
 * the alternate: the organisation named that person for the week, the switchboard can refer
 * callers to their mobile, and ringing someone whom no text names would be a second story.
 *
 * <p>"Away too" needs a moment: the dialplan decides it at call time (so its planned windows
 * come from {@link #planned}, which leaves it out), and so does everything that looks at one
 * moment ({@link #at}). Texts written once for a whole absence use {@link #planned} per week.
 */
public final class Coverage {

  /** Who named the contact. */
  public enum Source {
    /** The switchboard's live override ({@code vaxel absence set --alternate}). */
    LIVE,
    /** The weekly contact of the ISO week (staff.yaml weekly-contacts). */
    WEEKLY_CONTACT,
    /** The absence's alternate in staff.yaml. */
    ALTERNATE,
    /** Nobody is named. */
    NONE
  }

  /** Why the call goes where it goes. */
  public enum Why {
    /** The named contact takes the calls on their extension. */
    CONTACT,
    /** The named contact has no extension on this PBX: the switchboard refers callers to them. */
    NO_EXTENSION,
    /** The named contact is away too: the switchboard. */
    CONTACT_AWAY,
    /** Nobody is named: the switchboard. */
    NONE_NAMED
  }

  /**
   * Who covers, and how.
   *
   * @param source who named the contact
   * @param contact the named contact, or null when nobody is named
   * @param week the ISO week whose weekly contact this is, or 0
   * @param why whether the call rings the contact, and if not why
   */
  public record Cover(Source source, Person contact, int week, Why why) {
    public Cover {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(why, "why");
      if ((contact == null) != (why == Why.NONE_NAMED)) {
        throw new IllegalArgumentException("a contact is named exactly when why is not "
            + Why.NONE_NAMED + ": " + source + " " + why);
      }
    }

    /** Nobody named: the switchboard. */
    public static final Cover NOBODY = new Cover(Source.NONE, null, 0, Why.NONE_NAMED);

    /** Whether the call rings the contact's extension (else the switchboard's). */
    public boolean ringsContact() {
      return why == Why.CONTACT;
    }

    /** The extension the call rings, or {@link CallRouting#SWITCHBOARD}. */
    public String target() {
      return ringsContact() ? contact.extension() : CallRouting.SWITCHBOARD;
    }

    /**
     * What the dialplan's planned window returns for this cover: the contact's extension also
     * when they are away too, since the dialplan asks that at call time; else the switchboard.
     */
    public String plannedTarget() {
      return why == Why.CONTACT || why == Why.CONTACT_AWAY
          ? contact.extension() : CallRouting.SWITCHBOARD;
    }

    /** The staff id behind {@link #target()}, or null for the switchboard. */
    public String targetId() {
      return ringsContact() ? contact.id() : null;
    }

    /**
     * The number someone outside the PBX can call the contact on: their direct number, else
     * their work mobile, else null (then only the switchboard or their extension reaches them).
     */
    public String number() {
      return contact == null ? null : contact.phone() != null ? contact.phone() : contact.mobile();
    }

    /**
     * The cover as the dialplan's TARGET names it, before the call-time question whether the
     * contact is away too: a sentence recorded now for calls to come names the contact and
     * has a switchboard variant, and the route picks one per call (docs/speech.md).
     */
    public Cover asDialled() {
      return why == Why.CONTACT_AWAY ? new Cover(source, contact, week, Why.CONTACT) : this;
    }

    /** The same contact, now away too: the switchboard takes the calls. */
    Cover awayToo() {
      return why == Why.CONTACT ? new Cover(source, contact, week, Why.CONTACT_AWAY) : this;
    }
  }

  /**
   * What the switchboard's live state says about one extension, as {@link #at} needs it; the
   * AstDB record (live.LiveOverride) implements it, so that this package reads no AstDB.
   */
  public interface Live {
    /** Away, or present (back before a planned absence ends). */
    boolean away();

    Instant from();

    /** Exclusive. */
    Instant until();

    /** The extension the dialplan rings, or {@link CallRouting#SWITCHBOARD}. */
    String target();

    /** The staff id of the alternate set with it, or null. */
    String alternateId();

    /** Null for a present override. */
    Reason reason();

    default boolean isActiveAt(Instant now) {
      return !now.isBefore(from()) && now.isBefore(until());
    }
  }

  /**
   * A person away at a moment, and who covers.
   *
   * @param live whether the switchboard's live override decided it (else staff.yaml)
   * @param until when the absence ends (exclusive)
   * @param absence the staff.yaml absence, or null for a live one
   */
  public record Away(Person person, boolean live, Instant until, Reason reason, Absence absence,
      Cover cover) {}

  private Coverage() {}

  /**
   * Whether {@code person} is away at {@code now} and who covers: the live override first
   * (active, by the person's extension), else staff.yaml; empty when they are present. The
   * named contact's own absence is judged the same way, at the same moment, as the dialplan
   * does at call time.
   *
   * @param overrides the live overrides by extension; empty for staff.yaml alone
   */
  public static Optional<Away> at(Staff staff, Map<String, ? extends Live> overrides,
      Person person, Instant now) {
    return awayWithoutCover(staff, overrides, person, now).map(away -> {
      Cover cover = away.cover();
      if (cover.ringsContact()
          && awayWithoutCover(staff, overrides, cover.contact(), now).isPresent()) {
        cover = cover.awayToo();
      }
      return new Away(person, away.live(), away.until(), away.reason(), away.absence(), cover);
    });
  }

  /**
   * Who covers during a staff.yaml absence in ISO week {@code week}, leaving out whether the
   * contact is away too (decided at a moment, see {@link #at}): the dialplan's planned windows
   * and texts written once for a whole absence use it.
   */
  public static Cover planned(Staff staff, Absence absence, int week) {
    String weekly = absence.weeklyContacts().get(week);
    if (weekly != null) {
      Optional<Person> contact = staff.byId(weekly);
      if (contact.isPresent()) {
        return named(Source.WEEKLY_CONTACT, contact.get(), week);
      }
    }
    return Optional.ofNullable(absence.alternate())
        .flatMap(staff::byId)
        .map(alternate -> named(Source.ALTERNATE, alternate, 0))
        .orElse(Cover.NOBODY);
  }

  /** {@link #planned(Staff, Absence, int)} in the ISO week of a local moment. */
  public static Cover planned(Staff staff, Absence absence, LocalDateTime at) {
    return planned(staff, absence, at.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
  }

  private static Cover named(Source source, Person contact, int week) {
    return new Cover(source, contact, week,
        contact.hasExtension() ? Why.CONTACT : Why.NO_EXTENSION);
  }

  /** Away or not, and the cover as named, before asking whether the contact is away too. */
  private static Optional<Away> awayWithoutCover(Staff staff,
      Map<String, ? extends Live> overrides, Person person, Instant now) {
    Live o = person.hasExtension() ? overrides.get(person.extension()) : null;
    if (o != null && o.isActiveAt(now)) {
      return o.away()
          ? Optional.of(new Away(person, true, o.until(), o.reason(), null, live(staff, o)))
          : Optional.empty();
    }
    ZoneId zone = staff.organisation().timezone();
    LocalDateTime local = LocalDateTime.ofInstant(now, zone);
    return person.absenceAt(local).map(a -> new Away(person, false,
        a.end().atZone(zone).toInstant(), a.reason(), a, planned(staff, a, local)));
  }

  /**
   * The cover a live override names. The dialplan rings the override's stored target, so that
   * decides the call; the alternate's id only finds the person when the target is no one's.
   */
  private static Cover live(Staff staff, Live o) {
    if (CallRouting.SWITCHBOARD.equals(o.target()) || o.target().isEmpty()) {
      return Optional.ofNullable(o.alternateId()).flatMap(staff::byId)
          .map(p -> new Cover(Source.LIVE, p, 0, Why.NO_EXTENSION))
          .orElse(Cover.NOBODY);
    }
    return staff.byExtension(o.target())
        .map(p -> new Cover(Source.LIVE, p, 0, Why.CONTACT))
        // An extension no longer in staff.yaml: the dialplan still rings it, but no one can be
        // named, so texts and messages say the switchboard's story.
        .orElse(Cover.NOBODY);
  }
}
