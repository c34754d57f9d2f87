package lakecodec;

public final class AvroInterop {
  public static void main(String[] args) {}
}
