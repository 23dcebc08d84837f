package dev.sliflow.table;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Rules for writing under a local {@code --out} folder (jobs/OPERATIONS.md): {@code --out} itself may
 * be a symbolic link (the operator chose it), but nothing sliflow writes, replaces or deletes inside it
 * may be one — a table, a {@code dt=} partition, {@code report/}, {@code openslo/}, {@code .staging/}
 * or {@code .checkpoints/} that links elsewhere would make a publish, replace or clean-up act outside
 * {@code --out}. Deletes never follow links; single files are written to a temporary name and renamed
 * over the old one (a reader never sees half a file, and a link in their place is replaced, not followed).
 */
public final class OutputDir {
    private OutputDir() {}

    /**
     * Throws an IllegalArgumentException naming the first symbolic link among the entries of
     * {@code out} and the entries of its folders (tables and their partitions).
     */
    public static void checkNoLinks(Path out) throws IOException {
        if (!Files.isDirectory(out)) {
            return;
        }
        for (Path child : list(out)) {
            refuseLink(out, child);
            if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                for (Path grandChild : list(child)) {
                    refuseLink(out, grandChild);
                }
            }
        }
    }

    private static void refuseLink(Path out, Path p) throws IOException {
        if (Files.isSymbolicLink(p)) {
            throw new IllegalArgumentException("--out " + out + ": " + out.relativize(p) + " is a symbolic link (to "
                    + Files.readSymbolicLink(p) + "); sliflow never writes through a link inside --out (a publish or"
                    + " clean-up would act elsewhere): replace it by a folder, or make --out itself the link");
        }
    }

    private static java.util.List<Path> list(Path dir) throws IOException {
        java.util.List<Path> out = new java.util.ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            ds.forEach(out::add);
        }
        return out;
    }

    /** Deletes a file, link or folder tree without following links (a link is removed, not its target). */
    public static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(p, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Writes {@code text} to {@code file} through a temporary sibling and an atomic rename. */
    public static void writeAtomically(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp-" + Long.toHexString(System.nanoTime()));
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The operating system's reason of a file-system error, e.g. "Read-only file system". */
    public static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
            return ((FileSystemException) e).getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
