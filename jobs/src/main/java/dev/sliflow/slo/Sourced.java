package dev.sliflow.slo;

import dev.sliflow.config.YamlNode;

/** A candidate with the YAML node it was expanded from, so that a duplicate can name its file and line. */
record Sourced(Candidate candidate, YamlNode origin) {}
