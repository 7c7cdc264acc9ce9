namespace GroundStation.Orbit.Frames;

/// <summary>A double-precision 3-vector (System.Numerics.Vector3 is single precision: 0.5 m at LEO radius).</summary>
public readonly record struct Vector3D(double X, double Y, double Z)
{
    public static Vector3D operator +(Vector3D a, Vector3D b) => new(a.X + b.X, a.Y + b.Y, a.Z + b.Z);

    public static Vector3D operator -(Vector3D a, Vector3D b) => new(a.X - b.X, a.Y - b.Y, a.Z - b.Z);

    public static Vector3D operator *(Vector3D a, double k) => new(a.X * k, a.Y * k, a.Z * k);

    public static Vector3D operator *(double k, Vector3D a) => a * k;

    public double Dot(Vector3D b) => X * b.X + Y * b.Y + Z * b.Z;

    public Vector3D Cross(Vector3D b) => new(Y * b.Z - Z * b.Y, Z * b.X - X * b.Z, X * b.Y - Y * b.X);

    public double Length => Math.Sqrt(Dot(this));

    /// <summary>Rotation about the z axis by <paramref name="angleRad"/> applied to the coordinates (frame rotation
    /// R3: a vector fixed in space gets coordinates turned by -angle).</summary>
    public Vector3D RotatedFrameZ(double angleRad)
    {
        var c = Math.Cos(angleRad);
        var s = Math.Sin(angleRad);
        return new Vector3D(c * X + s * Y, -s * X + c * Y, Z);
    }
}
