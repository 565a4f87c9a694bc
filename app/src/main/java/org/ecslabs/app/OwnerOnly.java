package org.ecslabs.app;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The data folder holds password hashes, sessions, sandbox keys and the credentials key: on a POSIX
 * file system it is created owner-only (0700) and the database files in it are made owner-only
 * (0600). Elsewhere (Windows) the folder's inherited access control applies.
 */
final class OwnerOnly {
    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnly() {
    }

    /** Creates the folder (and missing parents) owner-only; an existing folder is left as its owner set it. */
    static void createFolder(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (dir.getParent() != null) {
            Files.createDirectories(dir.getParent());
        }
        if (!posix(dir.getParent())) {
            Files.createDirectories(dir);
            return;
        }
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(FOLDER));
        // The umask may have taken bits away from the attribute, never added any; set it exactly.
        Files.setPosixFilePermissions(dir, FOLDER);
    }

    /** Makes the files directly in {@code dir} whose names start with {@code prefix} owner-only. */
    static void restrictFiles(Path dir, String prefix) throws IOException {
        if (!posix(dir)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, prefix + "*")) {
            for (Path file : files) {
                if (Files.isRegularFile(file)) {
                    Files.setPosixFilePermissions(file, FILE);
                }
            }
        }
    }

    private static boolean posix(Path path) {
        return path != null && path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
