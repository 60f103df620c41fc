package se.vaxel.compliance;

import java.util.List;

/** One rule of the policy as the live PBX must keep it: a pure function of staff and snapshot. */
public interface Rule {
  /** The stable id reports and baselines use, e.g. VM-MISSING. */
  String id();

  Severity severity();

  /** One line for --help, the README and HTML reports. */
  String description();

  List<Finding> check(CheckInput input);
}
