package se.vaxel.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import se.vaxel.model.Platform;
import se.vaxel.render.Templates;
import se.vaxel.staff.Nearest;
import se.vaxel.staff.PlatformLoader;
import se.vaxel.staff.StaffException;

/** Where staff.yaml and the organisation's own templates are: shared by every command. */
final class StaffOptions {
  @Spec(Spec.Target.MIXEE) CommandSpec spec;

  @Option(names = {"-f", "--file"}, paramLabel = "FILE", defaultValue = "staff.yaml",
      description = "The staff file, or a platform file naming several organisations' staff"
          + " files (default: ${DEFAULT-VALUE}); a pipe such as /dev/stdin will"
          + " do. At most 64 MiB: reading stops there.")
  Path file;

  @Option(names = "--org", paramLabel = "ID",
      description = "Only this organisation of a platform file (its organisation.id).")
  Optional<String> org = Optional.empty();

  Optional<Path> templates = Optional.empty();

  private PlatformLoader.Loaded whole;

  /** Every organisation -f names, whatever --org says, with warnings; read once per command. */
  private PlatformLoader.Loaded wholeLoaded() throws StaffException, IOException {
    if (whole == null) {
      whole = new PlatformLoader().loadWithWarnings(file);
    }
    return whole;
  }

  /** Every organisation -f names, whatever --org says. */
  Platform wholePlatform() throws StaffException, IOException {
    return wholeLoaded().platform();
  }

  /**
   * What {@code -f} names, checked, narrowed to {@code --org} when given: every command that
   * reads staff files goes through here, so none can forget the option.
   */
  Platform platform() throws StaffException, IOException {
    return loaded().platform();
  }

  /** {@link #platform()} with the staff files' warnings, which only validate prints. */
  PlatformLoader.Loaded loaded() throws StaffException, IOException {
    PlatformLoader.Loaded loaded = wholeLoaded();
    Platform platform = loaded.platform();
    if (org.isEmpty()) {
      return loaded;
    }
    String id = org.get();
    if (platform.organisation(id).isEmpty()) {
      throw new VaxelException(ExitCode.BAD_INPUT, "--org " + id + ": " + file
          + " has no organisation with that id; it has "
          + String.join(", ", Nearest.first(id, platform.ids())));
    }
    return loaded.only(id);
  }

  @Option(names = "--templates", paramLabel = "DIR",
      description = "The organisation's own wording; it wins over the shipped templates, "
          + "file by file (e.g. DIR/sv/greeting.ftl). Wording only: a DIR with "
          + "asterisk/*.ftl is refused (exit 2), since the Asterisk templates carry vaxel's "
          + "contract with the PBX. Each template may run 30 s and write 256 Mi characters.")
  void templates(Path dir) {
    // Checked here, so a mistyped directory is bad input (exit 2), not a failure later.
    if (!Files.isDirectory(dir)) {
      throw new ParameterException(spec.commandLine(), "--templates " + dir
          + " is not a directory");
    }
    Templates.overrideProblem(dir).ifPresent(problem -> {
      throw new ParameterException(spec.commandLine(), "--templates: " + problem);
    });
    templates = Optional.of(dir);
  }
}
