package io.github.agoratokenrs.java;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * RTM2 resource permissions for {@link AccessTokenBuilder#rtm2}: for each (resource type,
 * permission type) the resource names, in order, duplicates kept; a later {@link #add} for the
 * same pair replaces the list. Types RTM2 does not define are refused at build
 * ({@code unknown_rtm2_type}).
 */
public final class Rtm2Permissions {
    public static final int MESSAGE_CHANNELS = 0;
    public static final int STREAM_CHANNELS = 1;
    public static final int GROUP_CHANNELS = 2;
    public static final int SERVER_GROUPS = 3;
    public static final int USERS = 4;

    public static final int READ = 0;
    public static final int WRITE = 1;

    final TreeMap<Integer, TreeMap<Integer, List<String>>> entries = new TreeMap<>();

    /** Sets the names for a resource type and a permission type. */
    public Rtm2Permissions add(int resourceType, int permissionType, List<String> names) {
        entries.computeIfAbsent(resourceType, key -> new TreeMap<>()).put(permissionType, new ArrayList<>(names));
        return this;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("Rtm2Permissions{");
        for (Map.Entry<Integer, TreeMap<Integer, List<String>>> resource : entries.entrySet()) {
            out.append(resource.getKey()).append('=').append(resource.getValue()).append(' ');
        }
        return out.toString().trim() + "}";
    }
}
