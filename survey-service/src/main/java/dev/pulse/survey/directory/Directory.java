package dev.pulse.survey.directory;

/** Where the organisation comes from (Keycloak groups in production). */
public interface Directory {
    /** A fresh snapshot; throws {@link DirectoryUnavailableException} when the directory cannot be read. */
    OrgSnapshot snapshot();

    class DirectoryUnavailableException extends RuntimeException {
        public DirectoryUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
