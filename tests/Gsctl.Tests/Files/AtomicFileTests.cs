using GroundStation.Gsctl.Files;
using GroundStation.Tests.Gsctl.Support;

namespace GroundStation.Tests.Gsctl.Files;

public class AtomicFileTests
{
    private const int NoSpaceLeftOnDevice = 28; // ENOSPC on Linux (asm-generic/errno-base.h)

    [Fact]
    public void A_disk_full_part_way_leaves_no_partial_file_keeps_the_old_target_and_names_the_target_not_the_temporary()
    {
        // FileStream reports a full disk as an IOException carrying errno ENOSPC and the path of the file it wrote,
        // which is the temporary file: the message must name the user's path and the reason only.
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("out.bin"), "previous");
        var error = Assert.Throws<FileAccessException>(() => AtomicFile.Write(dir.File("out.bin"), stream =>
        {
            stream.Write(new byte[200_000]);
            throw new IOException($"No space left on device : '{stream.Name}'", NoSpaceLeftOnDevice);
        }));
        Assert.True(error.FailedWhileWriting);
        Assert.Equal($"{dir.File("out.bin")}: cannot write: No space left on device", error.Message);
        Assert.Equal("previous", File.ReadAllText(dir.File("out.bin")));
        Assert.Equal(["out.bin"], dir.FileNames());
    }

    [Fact]
    public void A_missing_directory_and_a_directory_as_target_are_path_errors_that_create_nothing()
    {
        using var dir = new TempDirectory();
        var missing = Assert.Throws<FileAccessException>(() => AtomicFile.Write(dir.File("no/out.bin"), s => s.WriteByte(1)));
        Assert.False(missing.FailedWhileWriting);
        Assert.Equal($"{dir.File("no/out.bin")}: cannot write: directory {dir.File("no")} does not exist", missing.Message);

        Directory.CreateDirectory(dir.File("sub"));
        var directory = Assert.Throws<FileAccessException>(() => AtomicFile.Write(dir.File("sub"), s => s.WriteByte(1)));
        Assert.False(directory.FailedWhileWriting);
        Assert.Empty(Directory.GetFileSystemEntries(dir.File("sub")));
        Assert.Empty(dir.FileNames());
    }

    [Fact]
    public void A_device_is_written_into_not_replaced_by_a_regular_file()
    {
        // Through a symbolic link, so that without the device check the rename replaces the link in the test's
        // own directory and never the machine's /dev/null.
        using var dir = new TempDirectory();
        File.CreateSymbolicLink(dir.File("sink"), "/dev/null");
        AtomicFile.Write(dir.File("sink"), stream => stream.Write(new byte[100_000]));
        Assert.Equal("/dev/null", new FileInfo(dir.File("sink")).LinkTarget);
        Assert.Equal(["sink"], dir.FileNames());
    }

    [Fact]
    public void Devices_are_special_files_and_regular_files_directories_and_missing_paths_are_not()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("plain"), "x");
        Assert.True(SpecialFile.IsSpecial("/dev/null"));
        Assert.False(SpecialFile.IsSpecial(dir.File("plain")));
        Assert.False(SpecialFile.IsSpecial(dir.Path));
        Assert.False(SpecialFile.IsSpecial(dir.File("missing")));
    }
}
