package se.vaxel.staff;

import java.io.IOException;
import java.nio.file.Path;
import se.vaxel.model.Platform;

/**
 * Reads what {@code -f} names: a platform file (several organisations' staff files) or one
 * staff file, which is a platform of one. docs/platform.md describes the platform file.
 */
public final class PlatformLoader {
  private final StaffLoader staffLoader;

  public PlatformLoader() {
    this(new StaffLoader());
  }

  PlatformLoader(StaffLoader staffLoader) {
    this.staffLoader = staffLoader;
  }

  // TODO(platform file): recognise a top-level `platform:` key, load each organisation's
  // staff file relative to it, and validate across them (docs/platform.md).
  public Platform load(Path file) throws StaffException, IOException {
    return Platform.of(staffLoader.load(file));
  }
}
