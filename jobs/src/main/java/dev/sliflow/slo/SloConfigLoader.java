package dev.sliflow.slo;

import dev.sliflow.config.ConfigException;
import dev.sliflow.config.YamlNode;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Loads SLO candidates (SPEC "SLO candidates") from sliflow candidates YAML files and OpenSLO v1
 * files ({@code apiVersion: openslo/v1}, {@code kind: SLO} and {@code kind: SLI} documents), detected
 * per file. Several files merge: candidates are concatenated in file order; the first file that sets
 * alerting, policy, maintenance, recommend, sla, alert_policies or incidents wins, and a second file setting it differently is an
 * error. Every problem is a {@link ConfigException} naming file, line and field.
 */
public final class SloConfigLoader {

    /** The YAML documents of one file. */
    private record FileDocs(String name, List<YamlNode> docs) {}

    private SloConfigLoader() {}

    public static SloConfig load(Path... files) {
        if (files.length == 0) {
            throw new IllegalArgumentException("no SLO configuration file given");
        }
        List<FileDocs> all = new ArrayList<>();
        for (Path file : files) {
            all.add(read(file));
        }
        return build(all);
    }

    /** Parses one file's content; {@code fileName} is used in messages. */
    public static SloConfig parse(String fileName, Reader reader) {
        return build(List.of(new FileDocs(fileName, YamlNode.parseAll(fileName, reader))));
    }

    private static FileDocs read(Path path) {
        String name = path.toString();
        if (!Files.isRegularFile(path)) {
            throw new ConfigException(name, 0, "(file)", "no such file");
        }
        try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            return new FileDocs(name, YamlNode.parseAll(name, r));
        } catch (IOException e) {
            throw new ConfigException(name, 0, "(file)", "cannot read: " + e.getMessage());
        }
    }

    private static SloConfig build(List<FileDocs> files) {
        List<YamlNode> openSloDocs = new ArrayList<>();
        for (FileDocs f : files) {
            if (f.docs().isEmpty()) {
                throw new ConfigException(f.name(), 1, "(document)", "the file is empty");
            }
            if (OpenSloReader.isOpenSlo(f.docs())) {
                openSloDocs.addAll(f.docs());
            }
        }
        OpenSloReader openSlo = new OpenSloReader(openSloDocs);
        List<Sourced> candidates = new ArrayList<>();
        SloSettings settings = SloSettings.NONE;
        YamlNode firstSliflowRoot = null;
        for (FileDocs f : files) {
            if (OpenSloReader.isOpenSlo(f.docs())) {
                candidates.addAll(openSlo.candidates(f.docs()));
                continue;
            }
            if (f.docs().size() > 1) {
                throw f.docs().get(1).error("a sliflow candidates file holds one YAML document"
                        + " (OpenSLO files start with apiVersion: " + OpenSlo.API_VERSION + ")");
            }
            YamlNode root = f.docs().get(0);
            firstSliflowRoot = firstSliflowRoot == null ? root : firstSliflowRoot;
            CandidatesYaml.Contents contents = CandidatesYaml.read(root);
            candidates.addAll(contents.candidates());
            settings = settings.merge(contents.settings());
        }
        if (candidates.isEmpty()) {
            throw firstSliflowRoot != null
                    ? firstSliflowRoot.error("missing field 'candidates' (a list of journeys with their targets)")
                    : new ConfigException(files.get(0).name(), 1, "(document)", "no kind: SLO document");
        }
        String source = files.stream().map(FileDocs::name).collect(Collectors.joining(", "));
        return new SloConfig(unique(candidates), settings.tiersOrDefault(), settings.policyOrDefault(),
                settings.maintenanceOrNone(), settings.recommendOrDefault(), settings.slasOrNone(),
                settings.alertPoliciesOrDefault(), settings.incidentsOrNone(), source);
    }

    private static List<Candidate> unique(List<Sourced> candidates) {
        Map<String, YamlNode> seen = new HashMap<>();
        List<Candidate> out = new ArrayList<>(candidates.size());
        for (Sourced s : candidates) {
            String id = s.candidate().sloId();
            YamlNode prev = seen.putIfAbsent(id, s.origin());
            if (prev != null) {
                throw s.origin().error("duplicate SLO '" + id + "' (first defined at " + prev.file() + ":" + prev.line() + ")");
            }
            out.add(s.candidate());
        }
        return List.copyOf(out);
    }
}
