package se.vaxel.ami;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AmiSettingsTest {

  private static final String SECRET = "t0p-s3cret";

  @TempDir Path dir;

  private Path secretFile(String content, String permissions) throws IOException {
    Path file = dir.resolve("ami-secret");
    Files.writeString(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
    return file;
  }

  @Test
  void secretIsTheTrimmedFirstLineOfTheFile() throws IOException {
    Path file = secretFile("  " + SECRET + " \nsecond line\n", "rw-------");
    assertEquals(SECRET, AmiSettings.resolveSecret(Optional.of(file), Map.of()));
  }

  @Test
  void fileWinsOverTheEnvironment() throws IOException {
    Path file = secretFile(SECRET, "rw-------");
    Map<String, String> env = Map.of(AmiSettings.SECRET_ENV, "from-env");
    assertEquals(SECRET, AmiSettings.resolveSecret(Optional.of(file), env));
  }

  @Test
  void secretComesFromTheEnvironmentWithoutAFile() {
    Map<String, String> env = Map.of(AmiSettings.SECRET_ENV, SECRET);
    assertEquals(SECRET, AmiSettings.resolveSecret(Optional.empty(), env));
  }

  @Test
  void noSecretAnywhereIsASettingsError() {
    Map<String, String> env = Map.of(AmiSettings.SECRET_ENV, "  ");
    AmiException e =
        assertThrows(AmiException.class, () -> AmiSettings.resolveSecret(Optional.empty(), env));
    assertEquals(AmiException.Kind.SETTINGS, e.kind());
    assertEquals(
        "no AMI secret: give --ami-secret-file FILE or set VAXEL_AMI_SECRET", e.getMessage());
  }

  @Test
  void missingOrEmptyFileIsASettingsError() throws IOException {
    Path missing = dir.resolve("nope");
    AmiException absent =
        assertThrows(
            AmiException.class, () -> AmiSettings.resolveSecret(Optional.of(missing), Map.of()));
    assertEquals(AmiException.Kind.SETTINGS, absent.kind());
    assertEquals("AMI secret file " + missing + " does not exist", absent.getMessage());

    Path empty = secretFile("\n", "rw-------");
    AmiException blank =
        assertThrows(
            AmiException.class, () -> AmiSettings.resolveSecret(Optional.of(empty), Map.of()));
    assertEquals("AMI secret file " + empty + " is empty", blank.getMessage());
  }

  @Test
  void aFileOthersCanReadIsWarnedAbout() throws IOException {
    Path file = secretFile(SECRET, "rw-r--r--");
    Optional<String> warning = AmiSettings.looseFilePermissions(file);
    assertEquals(
        Optional.of("AMI secret file " + file + " is readable by group or others; chmod 600 it"),
        warning);
    assertFalse(warning.get().contains(SECRET));
  }

  @Test
  void aFileOnlyItsOwnerCanReadIsNot() throws IOException {
    assertEquals(
        Optional.empty(), AmiSettings.looseFilePermissions(secretFile(SECRET, "rw-------")));
    assertTrue(
        AmiSettings.looseFilePermissions(secretFile(SECRET, "rw-r-----")).isPresent(),
        "group-readable");
  }

  @Test
  void toStringNeverShowsTheSecret() {
    AmiSettings settings = AmiSettings.of("pbx.example.org", 5038, "vaxel", SECRET);
    assertFalse(settings.toString().contains(SECRET), settings.toString());
    assertTrue(settings.toString().contains("secret=***"));
  }

  @Test
  void defaultsAreTenSecondsPerActionAndAMinutePerListWithEventsOff() {
    AmiSettings settings = AmiSettings.of("pbx", 5038, "vaxel", SECRET);
    assertEquals(Duration.ofSeconds(10), settings.actionTimeout());
    assertEquals(Duration.ofSeconds(60), settings.listTimeout());
    assertFalse(settings.events());
    assertTrue(settings.withEvents(true).events());
  }

  @Test
  void addressBracketsIpv6Literals() {
    assertEquals("pbx:5038", AmiSettings.of("pbx", 5038, "u", SECRET).address());
    assertEquals("[::1]:5038", AmiSettings.of("::1", 5038, "u", SECRET).address());
  }

  @Test
  void impossibleSettingsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> AmiSettings.of("pbx", 0, "u", SECRET));
    assertThrows(IllegalArgumentException.class, () -> AmiSettings.of(" ", 5038, "u", SECRET));
    assertThrows(IllegalArgumentException.class, () -> AmiSettings.of("pbx", 5038, "", SECRET));
    AmiSettings settings = AmiSettings.of("pbx", 5038, "u", SECRET);
    assertThrows(
        IllegalArgumentException.class,
        () -> settings.withTimeouts(Duration.ZERO, Duration.ofSeconds(1)));
  }
}
