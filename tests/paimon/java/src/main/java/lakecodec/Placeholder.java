package lakecodec;
class Placeholder {}
