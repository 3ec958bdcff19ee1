namespace StatusBot.Testing.Announcing;

public enum PublishCallKind
{
    Post,
    Edit,
    Reply,
}
