package dev.dsgen.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;

/** Prints one field of a JSON file by dotted path, for shell scripts: {@code JsonField FILE a.b.c}. */
public final class JsonField {
    private JsonField() {
    }

    public static void main(String[] args) throws IOException {
        JsonNode n = new ObjectMapper().readTree(new File(args[0]));
        for (String part : args[1].split("\\.")) {
            n = n.path(part);
        }
        System.out.println(n.isValueNode() ? n.asText() : n.toString());
    }
}
