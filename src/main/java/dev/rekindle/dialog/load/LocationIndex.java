package dev.rekindle.dialog.load;

import dev.rekindle.dialog.validate.Locations;
import java.util.ArrayList;
import java.util.List;

/** Records where every key and value of a tree was written, by path, for the validator's messages. */
final class LocationIndex {
    private LocationIndex() {}

    static Locations of(String file, YNode root) {
        Locations.Builder b = Locations.builder(file);
        walk(root, new ArrayList<>(), b);
        return b.build();
    }

    private static void walk(YNode node, List<String> path, Locations.Builder b) {
        if (node instanceof YNode.Map map) {
            for (YNode.Entry e : map.entries()) {
                path.add(e.key());
                b.put(path, e.keySource(), e.value().source(), inside(e.value()), text(e.value()));
                walk(e.value(), path, b);
                path.remove(path.size() - 1);
            }
        } else if (node instanceof YNode.Seq seq) {
            for (int i = 0; i < seq.items().size(); i++) {
                YNode item = seq.items().get(i);
                path.add(String.valueOf(i));
                b.put(path, item.source(), item.source(), inside(item), text(item));
                walk(item, path, b);
                path.remove(path.size() - 1);
            }
        }
    }

    private static String text(YNode n) {
        return n instanceof YNode.Scalar s && !s.isNull() ? s.value() : null;
    }

    private static Locations.InsideText inside(YNode n) {
        return n instanceof YNode.Scalar s ? s::at : null;
    }
}
