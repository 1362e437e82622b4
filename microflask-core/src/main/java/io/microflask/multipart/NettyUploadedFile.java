package io.microflask.multipart;

import io.microflask.UploadedFile;

import io.netty.buffer.ByteBufInputStream;
import io.netty.handler.codec.http.multipart.FileUpload;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** An {@link UploadedFile} over Netty's decoded part; its temporary file goes when the form is closed. */
final class NettyUploadedFile implements UploadedFile {
    private final FileUpload upload;

    NettyUploadedFile(FileUpload upload) {
        this.upload = upload;
    }

    @Override
    public String fieldName() {
        return upload.getName();
    }

    @Override
    public String filename() {
        return upload.getFilename();
    }

    @Override
    public String contentType() {
        return upload.getContentType();
    }

    @Override
    public long size() {
        return upload.length();
    }

    @Override
    public boolean inMemory() {
        return upload.isInMemory();
    }

    @Override
    public Path temporaryFile() {
        if (upload.isInMemory()) {
            return null;
        }
        try {
            return upload.getFile().toPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public byte[] bytes() {
        try {
            return upload.get();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the uploaded file '" + filename() + "'", e);
        }
    }

    @Override
    public InputStream inputStream() {
        try {
            if (upload.isInMemory()) {
                return new ByteBufInputStream(upload.getByteBuf().duplicate());
            }
            return Files.newInputStream(upload.getFile().toPath());
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the uploaded file '" + filename() + "'", e);
        }
    }

    @Override
    public void transferTo(Path target) throws IOException {
        try (InputStream in = inputStream()) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public String toString() {
        return "UploadedFile[" + fieldName() + "=" + filename() + ", " + contentType() + ", " + size() + " bytes]";
    }
}
