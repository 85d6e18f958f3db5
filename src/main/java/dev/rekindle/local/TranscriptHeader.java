package dev.rekindle.local;

import dev.rekindle.dialog.model.Partner;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

/**
 * What a transcript says before its steps: its name, the partners (only A: an unpaired user) and the seed.
 * Problems are reported in that order and leave defaults, so that the steps are still read.
 */
record TranscriptHeader(String name, Map<Partner, String> partners, long seed) {

    static TranscriptHeader read(TranscriptNodes nodes, MappingNode root, Map<String, NodeTuple> top) {
        String name = null;
        if (!top.containsKey("transcript")) {
            nodes.error(
                    nodes.at(root),
                    "the transcript has no name",
                    "add a first line such as transcript: appreciation is shared after a yes");
        } else {
            name = nodes.text(top.get("transcript").getValueNode(), "transcript");
        }
        Map<Partner, String> partners = TranscriptLoader.DEFAULT_PARTNERS;
        if (top.containsKey("partners")) {
            partners = partners(nodes, top.get("partners").getValueNode());
        }
        long seed = top.containsKey("seed") ? seed(nodes, top.get("seed").getValueNode()) : 1;
        return new TranscriptHeader(name, partners, seed);
    }

    private static Map<Partner, String> partners(TranscriptNodes nodes, Node n) {
        if (!(n instanceof MappingNode m)) {
            nodes.error(nodes.at(n), "partners must map A (and B) to names", "for example partners: {A: Sam, B: Alex}");
            return TranscriptLoader.DEFAULT_PARTNERS;
        }
        Map<String, NodeTuple> k = nodes.keys(m, List.of("A", "B"), "in partners");
        Map<Partner, String> out = new EnumMap<>(Partner.class);
        for (Map.Entry<String, NodeTuple> e : k.entrySet()) {
            String v = nodes.text(e.getValue().getValueNode(), "the name of " + e.getKey());
            if (v != null && v.isBlank()) {
                nodes.error(nodes.at(e.getValue().getValueNode()), "the name of " + e.getKey() + " is empty", "");
            } else if (v != null) {
                out.put(Partner.valueOf(e.getKey()), v.strip());
            }
        }
        if (!out.containsKey(Partner.A)) {
            nodes.error(
                    nodes.at(n), "partners needs A", "for example partners: {A: Sam} for a user who is not paired yet");
            return TranscriptLoader.DEFAULT_PARTNERS;
        }
        return out;
    }

    /** The seed written, or 1 (the default) when it is not a whole number (reported). */
    private static long seed(TranscriptNodes nodes, Node s) {
        String v = nodes.text(s, "seed");
        if (v != null) {
            try {
                return Long.parseLong(v.strip());
            } catch (NumberFormatException e) {
                nodes.error(nodes.at(s), "seed must be a whole number, not '" + v + "'", "for example seed: 7");
            }
        }
        return 1;
    }
}
