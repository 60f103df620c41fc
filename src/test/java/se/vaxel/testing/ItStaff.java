package se.vaxel.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The staff.yaml of the integration tests. Absences are relative to today, so routing is
 * tested against the real clock of the real PBX.
 */
public final class ItStaff {
  public static final ZoneId ZONE = ZoneId.of("Europe/Stockholm");
  public static final String VOICEMAIL_CONTEXT = "vaxel-it";
  public static final String CONTEXT = "vaxel-it-staff";
  /** The AstDB family of live absences that {@link #CONTEXT} gives (model.DialplanContexts). */
  public static final String OVERRIDE_FAMILY = "vaxel-it-absence";

  private ItStaff() {}

  /** per 2201 present; anna 2202 away (alternate per); bo 2203 away with cia 2204 away too;
   * dan 2205 away from tomorrow; eva has a mobile only. */
  public static String yaml() {
    LocalDate today = LocalDate.now(ZONE);
    return """
        organisation:
          name: Testby kommun
          place: Testby
          switchboard: "100"
          phone: "0900-100 00"
          functional-mailbox: kommunen@testby.se
          language: sv
          timezone: Europe/Stockholm
        asterisk:
          voicemail-context: %s
          dialplan-context: %s
          device: "%s"
          ring-timeout: 5
        staff:
          - id: per.present
            first-name: Per
            last-name: Närvarande
            extension: "2201"
            email: per@testby.se
          - id: anna.away
            first-name: Anna
            last-name: Borta
            extension: "2202"
            email: anna@testby.se
            absences:
              - from: %s
                until: %s
                reason: semester
                alternate: per.present
          - id: bo.away
            first-name: Bo
            last-name: Borta
            extension: "2203"
            email: bo@testby.se
            absences:
              - from: %s
                until: %s
                reason: tjansteresa
                alternate: cia.away
          - id: cia.away
            first-name: Cia
            last-name: Borta
            extension: "2204"
            email: cia@testby.se
            absences:
              - from: %s
                until: %s
                reason: utbildning
                alternate: per.present
          - id: dan.tomorrow
            first-name: Dan
            last-name: Imorgon
            extension: "2205"
            email: dan@testby.se
            absences:
              - from: %s
                until: %s
                reason: semester
                alternate: per.present
          - id: eva.mobile
            first-name: Eva
            last-name: Mobil
            mobile: "070-000 00 00"
            email: eva@testby.se
        """.formatted(VOICEMAIL_CONTEXT, CONTEXT, Pbx.DEVICE,
        today.minusDays(2), today.plusDays(5),
        today.minusDays(1), today.plusDays(3),
        today.minusDays(1), today.plusDays(3),
        today.plusDays(1), today.plusDays(4));
  }

  /**
   * The same people as another organisation of a platform: a declared {@code id}, the Asterisk
   * names left to their defaults (vaxel-&lt;id&gt;, vaxel-&lt;id&gt;-staff) and extensions
   * {@code prefix}01..05 instead of 2201..2205.
   */
  public static String organisation(String id, String prefix) {
    String yaml = yaml()
        .replace("organisation:\n", "organisation:\n  id: " + id + "\n")
        .replaceAll("(?m)^  (voicemail|dialplan)-context: .*\n", "")
        .replace("\"22", "\"" + prefix);
    if (!yaml.contains("id: " + id) || yaml.contains("voicemail-context")) {
      throw new IllegalStateException("ItStaff.yaml() changed shape: " + yaml);
    }
    return yaml;
  }

  public static Path write(Path dir) throws IOException {
    return write(dir, yaml());
  }

  public static Path write(Path dir, String yaml) throws IOException {
    Path file = dir.resolve("staff.yaml");
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    return file;
  }
}
