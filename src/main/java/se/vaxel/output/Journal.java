package se.vaxel.output;

import java.util.ArrayList;
import java.util.List;

/**
 * What one write into an existing tree is about to do, so that the next run can finish or
 * undo it after a crash. Its encoder and decoder are side by side here: the file is a contract
 * between a run and the run after it, possibly of another vaxel version.
 *
 * <p>A {@link State#BEGUN} journal lists the files the run creates where nothing was (undo:
 * delete them). A {@link State#COMMITTED} journal lists every staged file and where it goes,
 * and every file to delete (redo: carry them out). See {@link OutputWriter} for the order.
 *
 * @param stage the run's staging directory, a name directly inside the output directory
 */
record Journal(State state, String stage, List<String> created, List<Rename> renames,
    List<String> deleted) {
  static final String NAME = OutputWriter.RESERVED_PREFIX + "journal";
  private static final String HEADER = "vaxel-journal 1";
  private static final String END = "end";

  enum State { BEGUN, COMMITTED }

  /** Move the staged file {@code staged} (a name inside the staging directory) to {@code path}. */
  record Rename(String staged, String path) {
    Rename {
      if (!staged.matches("[a-z0-9]+") || !OutputFile.isSafe(path)
          && !path.equals(OutputWriter.MANIFEST)) {
        throw new IllegalArgumentException("not a rename inside the tree: " + staged + " "
            + path);
      }
    }
  }

  Journal {
    if (!stage.startsWith(OutputWriter.STAGE_PREFIX) || stage.contains("/")) {
      throw new IllegalArgumentException("not a staging directory: " + stage);
    }
    for (String path : created) {
      requireSafe(path);
    }
    for (String path : deleted) {
      requireSafe(path);
    }
    created = List.copyOf(created);
    renames = List.copyOf(renames);
    deleted = List.copyOf(deleted);
  }

  static Journal begun(String stage, List<String> created) {
    return new Journal(State.BEGUN, stage, created, List.of(), List.of());
  }

  static Journal committed(String stage, List<Rename> renames, List<String> deleted) {
    return new Journal(State.COMMITTED, stage, List.of(), renames, deleted);
  }

  String encode() {
    StringBuilder s = new StringBuilder(HEADER).append('\n')
        .append("stage ").append(stage).append('\n')
        .append("state ").append(state.name().toLowerCase()).append('\n');
    created.forEach(p -> s.append("C ").append(p).append('\n'));
    renames.forEach(r -> s.append("R ").append(r.staged()).append(' ').append(r.path())
        .append('\n'));
    deleted.forEach(p -> s.append("D ").append(p).append('\n'));
    return s.append(END).append('\n').toString();
  }

  /**
   * @throws IllegalArgumentException with the reason, for a journal that is not one of ours or
   *     is incomplete (it is written whole and renamed into place, so a crash cannot cut it)
   */
  static Journal decode(String text) {
    List<String> lines = text.lines().toList();
    if (lines.size() < 4 || !lines.get(0).equals(HEADER)
        || !lines.get(1).startsWith("stage ") || !lines.get(2).startsWith("state ")
        || !lines.get(lines.size() - 1).equals(END)) {
      throw new IllegalArgumentException("it does not start with '" + HEADER
          + "', a stage and a state, or does not end with '" + END + "'");
    }
    String stage = lines.get(1).substring("stage ".length());
    State state = switch (lines.get(2).substring("state ".length())) {
      case "begun" -> State.BEGUN;
      case "committed" -> State.COMMITTED;
      default -> throw new IllegalArgumentException("unknown state: " + lines.get(2));
    };
    List<String> created = new ArrayList<>();
    List<Rename> renames = new ArrayList<>();
    List<String> deleted = new ArrayList<>();
    for (String line : lines.subList(3, lines.size() - 1)) {
      String rest = line.length() > 2 ? line.substring(2) : "";
      if (line.startsWith("C ")) {
        created.add(rest);
      } else if (line.startsWith("D ")) {
        deleted.add(rest);
      } else if (line.startsWith("R ") && rest.indexOf(' ') > 0) {
        renames.add(new Rename(rest.substring(0, rest.indexOf(' ')),
            rest.substring(rest.indexOf(' ') + 1)));
      } else {
        throw new IllegalArgumentException("not a journal line: " + line);
      }
    }
    return new Journal(state, stage, created, renames, deleted);
  }

  private static void requireSafe(String path) {
    if (!OutputFile.isSafe(path)) {
      throw new IllegalArgumentException("not a path inside the tree: " + path);
    }
  }
}
