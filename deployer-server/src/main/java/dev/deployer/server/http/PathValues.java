package dev.deployer.server.http;

import dev.deployer.api.AppName;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * Parses value types where a path or query value enters, so a bad one is refused before any
 * service runs. The refusal is thrown as an {@link ApiProblem}: Jersey rethrows a
 * WebApplicationException from a converter as it is, but answers 404 for anything else, and the
 * contract says a bad app name is a 400.
 */
public final class PathValues implements ParamConverterProvider {
    private static final ParamConverter<AppName> APP_NAME = new ParamConverter<>() {
        @Override
        public AppName fromString(String value) {
            try {
                return new AppName(value);
            } catch (IllegalArgumentException e) {
                throw ApiProblem.badRequest(e.getMessage());
            }
        }

        @Override
        public String toString(AppName name) {
            return name.value();
        }
    };

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        return rawType == AppName.class ? (ParamConverter<T>) APP_NAME : null;
    }
}
