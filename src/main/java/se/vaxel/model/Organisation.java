package se.vaxel.model;

import java.text.Normalizer;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The sender of every text (policy: "the organisation is always a clear sender").
 *
 * @param id names the organisation's files under the Asterisk configuration directory
 *     ({@code vaxel/<id>/}), its output and its reports on a shared platform: {@code
 *     organisation.id} in staff.yaml, or {@link #idFrom derived from the name}
 * @param idDeclared whether staff.yaml named the id; only then do the Asterisk defaults become
 *     per-organisation (docs/platform.md), so a file without one keeps the names earlier
 *     versions gave it
 */
public record Organisation(
    String id,
    boolean idDeclared,
    String name,
    String place,
    String switchboard,
    String phone,
    String functionalMailbox,
    Language language,
    ZoneId timezone) {

  /** What an id may be: it names a directory and is part of context and family names. */
  public static final Pattern ID = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?");

  public Organisation {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(switchboard, "switchboard");
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(timezone, "timezone");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("organisation id " + id + " does not match " + ID);
    }
  }

  /** An organisation whose id is derived from its name. */
  public Organisation(String name, String place, String switchboard, String phone,
      String functionalMailbox, Language language, ZoneId timezone) {
    this(idFrom(name), false, name, place, switchboard, phone, functionalMailbox, language,
        timezone);
  }

  /**
   * The id a name gives: lower case, letters without their accents (å, ä to a, ö to o), every
   * other run of characters one '-', at most 32 characters (cut after a whole word). "Vännäs kommun" gives
   * "vannas-kommun"; a name with no letter or digit at all gives "org".
   */
  public static String idFrom(String name) {
    String folded = Normalizer.normalize(name, Normalizer.Form.NFD)
        .replaceAll("\\p{M}", "")
        .toLowerCase(Locale.ROOT)
        .replace('ø', 'o').replace('æ', 'a').replace("ß", "ss");
    String id = folded.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    if (id.length() > 32) {
      // Whole words where there is room for one, so the id still reads as the name.
      int cut = id.lastIndexOf('-', 32);
      id = id.substring(0, cut > 0 ? cut : 32);
    }
    return id.isEmpty() ? "org" : id;
  }
}
