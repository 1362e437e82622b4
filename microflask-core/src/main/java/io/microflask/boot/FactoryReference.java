package io.microflask.boot;

import io.microflask.App;

import java.lang.invoke.MethodHandleInfo;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Which static method an {@link App.Factory} is, found from the serialized form of its lambda,
 * so that it can be called again with the classes of another class loader (devtools' reload).
 *
 * @param className  the class that declares it, e.g. {@code com.example.NotesApp}
 * @param methodName the method, e.g. {@code create} (or a lambda's synthetic method)
 */
record FactoryReference(String className, String methodName) {

    /** The method behind {@code factory}, or {@code null} when it is not a capture-free lambda or method reference. */
    static FactoryReference of(App.Factory factory) {
        try {
            Method writeReplace = factory.getClass().getDeclaredMethod("writeReplace");
            writeReplace.setAccessible(true);
            if (!(writeReplace.invoke(factory) instanceof SerializedLambda lambda)
                    || lambda.getCapturedArgCount() != 0 || lambda.getImplMethodKind() != MethodHandleInfo.REF_invokeStatic
                    || !lambda.getImplMethodSignature().startsWith("()")) {
                return null;
            }
            return new FactoryReference(lambda.getImplClass().replace('/', '.'), lambda.getImplMethodName());
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** The factory's class as {@code loader} loads it. */
    Class<?> type(ClassLoader loader) throws ClassNotFoundException {
        return Class.forName(className, true, loader);
    }

    /** Calls the factory with the classes of {@code loader}; what it throws is thrown as is. */
    App call(ClassLoader loader) throws Exception {
        Method method = type(loader).getDeclaredMethod(methodName);
        method.setAccessible(true);
        try {
            return (App) method.invoke(null);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    @Override
    public String toString() {
        return className + "::" + methodName;
    }
}
