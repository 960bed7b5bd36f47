package org.ipcbus.impl.clone;

import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.dto.DTO;

/**
 * Reads the public data of a record (its components) or an OSGi DTO (its public instance fields)
 * into a map, so that the receiver needs none of the sender's classes. The readers of a class are
 * found once and kept with the class.
 */
final class PublicData {

  private static final ClassValue<PublicData> BY_CLASS = new ClassValue<>() {
    @Override
    protected PublicData computeValue(Class<?> type) {
      return create(type);
    }
  };

  private final String[] names;
  private final AccessibleObject[] readers;

  private PublicData(String[] names, AccessibleObject[] readers) {
    this.names = names;
    this.readers = readers;
  }

  /**
   * Returns the reader of a record or DTO class.
   *
   * @param type any class
   * @return the reader, or null if the class is neither a record nor a DTO
   */
  static PublicData of(Class<?> type) {
    return BY_CLASS.get(type);
  }

  /**
   * Reads the components or fields of a value, in declaration order.
   *
   * @param value an instance of the class of this reader
   * @return the map of names to (uncloned) values
   * @throws IllegalStateException if an accessor throws
   */
  Map<String, Object> read(Object value) {
    Map<String, Object> data = new LinkedHashMap<>();
    for (int i = 0; i < names.length; i++) {
      data.put(names[i], readOne(readers[i], value));
    }
    return data;
  }

  private static Object readOne(AccessibleObject reader, Object value) {
    try {
      return reader instanceof Method method ? method.invoke(value) : ((Field) reader).get(value);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("reading " + ((Member) reader).getName() + " of "
          + value.getClass().getName() + " failed: " + e.getCause(), e.getCause());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  private static PublicData create(Class<?> type) {
    if (type.isRecord()) {
      RecordComponent[] components = type.getRecordComponents();
      String[] names = new String[components.length];
      AccessibleObject[] readers = new AccessibleObject[components.length];
      for (int i = 0; i < components.length; i++) {
        names[i] = components[i].getName();
        readers[i] = accessible(components[i].getAccessor());
      }
      return new PublicData(names, readers);
    }
    if (DTO.class.isAssignableFrom(type)) {
      List<Field> fields = new ArrayList<>();
      for (Field field : type.getFields()) {
        if (!Modifier.isStatic(field.getModifiers())) {
          fields.add(field);
        }
      }
      String[] names = fields.stream().map(Field::getName).toArray(String[]::new);
      AccessibleObject[] readers = fields.stream().map(PublicData::accessible)
          .toArray(AccessibleObject[]::new);
      return new PublicData(names, readers);
    }
    return null;
  }

  /** A record or DTO may be declared in a non-public class of the sender's bundle. */
  private static AccessibleObject accessible(AccessibleObject reader) {
    reader.setAccessible(true);
    return reader;
  }
}
